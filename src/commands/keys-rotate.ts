// fitgate keys rotate (SPEC §5): adds a new access-token signing key. It signs from now on (other
// nodes pick it up within a key-cache period); older keys stay in the JWKS and keep verifying
// until the last token they signed has expired.
import type { Config } from "../config.ts";
import { addSigningKey, KEY_CACHE_SECONDS } from "../http/oauth2-keys.ts";
import { openRuntime } from "../runtime.ts";
import { listSigningKeys } from "../store/kysely/signing-keys.ts";
import { printResult, type CliIo } from "./cli-io.ts";

export async function keysRotateCommand(config: Config, io: CliIo, json: boolean): Promise<number> {
  const runtime = await openRuntime(config, (message) => io.err(message));
  try {
    const added = await addSigningKey(runtime.deps);
    const keys = await listSigningKeys(runtime.deps.db);
    printResult(io, json, {
      kid: added.kid,
      alg: added.alg,
      created_at: added.createdAt.toISOString(),
      previous_kids: keys.filter((k) => k.kid !== added.kid).map((k) => k.kid),
      signing_on_every_node_within_seconds: KEY_CACHE_SECONDS,
    });
    return 0;
  } finally {
    await runtime.close();
  }
}
