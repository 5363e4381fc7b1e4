// fitgate keys reseal: after a new FITGATE_MASTER_KEY is set (the old one moved to
// FITGATE_PREVIOUS_MASTER_KEYS), re-encrypts every stored secret under the new key, so the old
// key can then be dropped. Safe to run again, and while nodes serve.
import type { Config } from "../config.ts";
import { openRuntime } from "../runtime.ts";
import { resealAll } from "../store/kysely/sealed-values.ts";
import { printResult, type CliIo } from "./cli-io.ts";

export async function keysResealCommand(config: Config, io: CliIo, json: boolean): Promise<number> {
  const runtime = await openRuntime(config, (message) => io.err(`warning: ${message}`));
  try {
    let lastLine = "";
    const rewritten = await resealAll(runtime.deps.db, runtime.deps.box, (table, done, total) => {
      const line = `resealing ${table}: ${done}/${total}`;
      if (!json && (done === total || done % 500 === 0) && line !== lastLine) io.err(line);
      lastLine = line;
    });
    printResult(io, json, { resealed: rewritten, master_key_id: runtime.deps.box.currentKeyId });
    return 0;
  } finally {
    await runtime.close();
  }
}
