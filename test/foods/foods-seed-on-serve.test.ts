// SPEC §1: "A fresh start seeds the foods database". `fitgate serve` on an empty database seeds
// the built-in foods before /healthz answers; a second start finds them and writes nothing.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { connectDatabase } from "../../src/store/kysely/connect.ts";
import { freePort } from "../helpers/app.ts";

const BIN = fileURLToPath(new URL("../../bin/fitgate.js", import.meta.url));

/** starts `fitgate serve`, waits for /healthz, stops it with SIGTERM; its stderr */
async function serveOnce(env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, "serve"], { env: { ...process.env, ...env, FITGATE_HOST: "127.0.0.1", FITGATE_PORT: String(port) }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  try {
    for (let attempt = 0; ; attempt++) {
      const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
      if (healthy) break;
      assert.ok(attempt < 150 && child.exitCode === null, `fitgate serve did not become healthy: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
  return stderr;
}

describe("fitgate serve seeds the foods database", () => {
  const directory = mkdtempSync(join(tmpdir(), "fitgate-seed-"));
  const databaseUrl = `sqlite:${join(directory, "fitgate.db")}`;
  const env = { FITGATE_DATABASE_URL: databaseUrl, FITGATE_MASTER_KEY: Buffer.alloc(32, 9).toString("base64"), FITGATE_LOG_LEVEL: "warn" };
  after(() => rmSync(directory, { recursive: true, force: true }));

  test("on a fresh database, before it reports healthy; not again on the next start", async () => {
    assert.match(await serveOnce(env), /seeded the foods database with 613 foods/);
    const database = connectDatabase(databaseUrl);
    try {
      const toast = await database.db.selectFrom("foods").select(["name", "source"]).where("name", "=", "Toast, white bread").executeTakeFirst();
      assert.match(toast?.source ?? "", /^USDA FoodData Central/);
      const ifct = await database.db.selectFrom("foods").select((eb) => eb.fn.countAll<number>().as("n")).where("source_key", "like", "ifct:%").executeTakeFirstOrThrow();
      assert.equal(Number(ifct.n), 542);
    } finally {
      await database.close();
    }
    assert.doesNotMatch(await serveOnce(env), /seeded the foods database/);
  });

  test("two nodes starting at once on one fresh database both come up, with each food once", async () => {
    const fresh = { ...env, FITGATE_DATABASE_URL: `sqlite:${join(directory, "two-nodes.db")}` };
    const logs = await Promise.all([serveOnce(fresh), serveOnce(fresh)]);
    assert.ok(logs.some((log) => /seeded the foods database with 613 foods/.test(log)), logs.join("\n"));
    const database = connectDatabase(fresh.FITGATE_DATABASE_URL);
    try {
      const row = await database.db.selectFrom("foods").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      assert.equal(Number(row.n), 613);
    } finally {
      await database.close();
    }
  });
});
