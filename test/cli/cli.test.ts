// The fitgate CLI (SPEC §5): JSON output, clear errors, non-zero exits, nothing written on failure.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConnection } from "node:net";
import { after, before, describe, it } from "node:test";
import { runCli } from "../../src/main.ts";
import type { CliIo } from "../../src/commands/cli-io.ts";
import { connectDatabase } from "../../src/store/kysely/connect.ts";
import { sha256Hex } from "../../src/security/random.ts";
import { createSecretBox } from "../../src/security/secret-box.ts";
import { freePort } from "../helpers/app.ts";
import { databaseTargets, type TestDatabase } from "../helpers/databases.ts";

const BIN = new URL("../../bin/fitgate.js", import.meta.url).pathname;

type Captured = { io: CliIo; out: string[]; err: string[] };
function capture(stdin = ""): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => stdin } };
}

const targets = await databaseTargets();

for (const target of targets) {
  describe(`fitgate CLI on ${target.dialect}`, { skip: target.skip }, () => {
    let database: TestDatabase;
    let env: Record<string, string>;
    const masterKey = randomBytes(32).toString("base64");
    before(async () => {
      database = await target.open({ migrate: false });
      env = { FITGATE_DATABASE_URL: database.url, FITGATE_MASTER_KEY: masterKey };
    });
    after(async () => { await database?.close(); });

    const count = async (table: "users" | "clients") => Number((await database.db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

    it("migrates, and says so in JSON", async () => {
      const c = capture();
      assert.equal(await runCli(["migrate", "--json"], c.io, env), 0);
      const result = JSON.parse(c.out[0] ?? "") as { applied: string[] };
      assert.ok(result.applied.includes("001-initial"));
      const again = capture();
      assert.equal(await runCli(["migrate", "--json"], again.io, env), 0);
      assert.deepEqual((JSON.parse(again.out[0] ?? "") as { applied: string[] }).applied, []);
    });

    it("creates a user from a password on standard input", async () => {
      const c = capture("a long passphrase\n");
      assert.equal(await runCli(["user", "create", "--email", "cli@example.com", "--password-stdin", "--json"], c.io, env), 0);
      const { user_id } = JSON.parse(c.out[0] ?? "") as { user_id: string };
      const row = await database.db.selectFrom("users").selectAll().where("id", "=", user_id).executeTakeFirstOrThrow();
      assert.equal(row.email, "cli@example.com");
      assert.match(row.password_hash, /^\$argon2id\$/);
    });

    it("creates a confidential client and prints its secrets once", async () => {
      const c = capture();
      const code = await runCli(["client", "create", "--name", "Seed app", "--type", "confidential",
        "--redirect-uri", "http://localhost:12345/callback", "--callback-url", "https://app.example/cb",
        "--scope", "basic premier diary:read", "--cidr", "127.0.0.1/32", "--refresh-rotation", "on", "--json"], c.io, env);
      assert.equal(code, 0, c.err.join("\n"));
      const printed = JSON.parse(c.out[0] ?? "") as Record<string, string>;
      assert.deepEqual(Object.keys(printed).sort(), ["client_id", "client_secret", "consumer_key", "consumer_secret"]);
      const row = await database.db.selectFrom("clients").selectAll().where("id", "=", printed.client_id ?? "").executeTakeFirstOrThrow();
      assert.equal(row.secret_hash, sha256Hex(printed.client_secret ?? ""));
      assert.equal(createSecretBox([masterKey]).open(row.consumer_secret_sealed ?? ""), printed.consumer_secret);
      assert.equal(row.scopes, "basic premier diary:read");
      assert.equal(row.refresh_rotation, 1);
    });

    it("gives a public client no secret", async () => {
      const c = capture();
      assert.equal(await runCli(["client", "create", "--name", "Phone app", "--type", "public", "--redirect-uri", "http://127.0.0.1/cb", "--json"], c.io, env), 0);
      const printed = JSON.parse(c.out[0] ?? "") as Record<string, string | null>;
      assert.equal(printed.client_secret, null);
      assert.equal(printed.consumer_secret, null);
    });

    const badInvocations: [string, string[], string, RegExp][] = [
      ["an unknown flag", ["client", "create", "--name", "x", "--type", "public", "--colour", "red"], "", /--colour/],
      ["a missing type", ["client", "create", "--name", "x"], "", /--type/],
      ["an unknown scope", ["client", "create", "--name", "x", "--type", "confidential", "--scope", "basic everything"], "", /--scope.*everything/],
      ["an http redirect off loopback", ["client", "create", "--name", "x", "--type", "confidential", "--redirect-uri", "http://app.example/cb"], "", /--redirect-uri/],
      ["a bad CIDR", ["client", "create", "--name", "x", "--type", "confidential", "--cidr", "10.0.0.0/64"], "", /--cidr/],
      ["a bad rotation value", ["client", "create", "--name", "x", "--type", "confidential", "--refresh-rotation", "maybe"], "", /on or off/],
      ["an unknown owner", ["client", "create", "--name", "x", "--type", "confidential", "--owner", "ghost@example.com"], "", /--owner/],
      ["a password on the command line", ["user", "create", "--email", "p@example.com", "--password", "secret"], "", /--password/],
      ["no --password-stdin", ["user", "create", "--email", "p@example.com"], "", /--password-stdin/],
      ["a short password", ["user", "create", "--email", "p@example.com", "--password-stdin"], "short\n", /8 characters/],
      ["a malformed email", ["user", "create", "--email", "nope", "--password-stdin"], "a long passphrase\n", /--email/],
      ["an unknown command", ["frobnicate"], "", /unknown command/],
      ["a command named like an Object property", ["constructor"], "", /unknown command/],
      ["another Object property name as a command", ["toString"], "", /unknown command/],
      ["two paths to import", ["foods", "import", "a.csv", "b.csv"], "", /one PATH/],
    ];
    for (const [what, argv, stdin, message] of badInvocations) {
      it(`exits non-zero on ${what}, saying why and writing nothing`, async () => {
        const [users, clients] = [await count("users"), await count("clients")];
        const c = capture(stdin);
        const code = await runCli(argv, c.io, env);
        assert.notEqual(code, 0);
        assert.match(c.err.join("\n"), message);
        assert.deepEqual(c.out, []);
        assert.equal(await count("users"), users);
        assert.equal(await count("clients"), clients);
      });
    }

    it("rotates the master key: keys reseal re-encrypts every secret under the new key, once", async () => {
      const created = capture();
      assert.equal(await runCli(["client", "create", "--name", "Resealed", "--type", "confidential", "--json"], created.io, env), 0);
      const { client_id, consumer_secret } = JSON.parse(created.out[0] ?? "") as Record<string, string>;
      const newKey = randomBytes(32).toString("base64");
      const rotatedEnv = { ...env, FITGATE_MASTER_KEY: newKey, FITGATE_PREVIOUS_MASTER_KEYS: masterKey };
      const first = capture();
      assert.equal(await runCli(["keys", "reseal", "--json"], first.io, rotatedEnv), 0, first.err.join("\n"));
      assert.ok((JSON.parse(first.out[0] ?? "") as { resealed: number }).resealed >= 1);
      const row = await database.db.selectFrom("clients").select("consumer_secret_sealed").where("id", "=", client_id ?? "").executeTakeFirstOrThrow();
      const onlyNewKey = createSecretBox([newKey]);
      assert.equal(onlyNewKey.open(row.consumer_secret_sealed ?? ""), consumer_secret, "opens without the old key");
      const again = capture();
      assert.equal(await runCli(["keys", "reseal", "--json"], again.io, rotatedEnv), 0);
      assert.equal((JSON.parse(again.out[0] ?? "") as { resealed: number }).resealed, 0);
    });

    it("prints the usage for --help after any command", async () => {
      const c = capture();
      assert.equal(await runCli(["demo", "--help"], c.io, env), 0);
      assert.match(c.out.join("\n"), /usage: fitgate/);
      assert.match(c.out.join("\n"), /demo --oauth1/);
    });

    it("refuses a bad configuration with one line per problem", async () => {
      const c = capture();
      const code = await runCli(["migrate"], c.io, { ...env, FITGATE_PORT: "http", FITGATE_ISSUER: "nope" });
      assert.equal(code, 78);
      assert.match(c.err.join("\n"), /FITGATE_PORT[\s\S]*FITGATE_ISSUER/);
    });
  });
}

describe("fitgate serve as a process", () => {
  let directory: string;
  before(() => { directory = mkdtempSync(join(tmpdir(), "fitgate-serve-")); });
  after(() => rmSync(directory, { recursive: true, force: true }));

  it("answers /healthz, then on SIGTERM finishes the request in flight and exits 0", { timeout: 60_000 }, async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, "serve"], {
      env: { ...process.env, FITGATE_PORT: String(port), FITGATE_DATA_DIR: directory, FITGATE_ISSUER: `http://127.0.0.1:${port}`, FITGATE_LOG_LEVEL: "warn", FITGATE_SEED_FOODS: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      assert.ok(i < 200, `server did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // a sign-up is slow (argon2id): send SIGTERM while it is being handled
    const page = await fetch(`${base}/signup`);
    const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const token = /name="csrf_token" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
    const inFlight = fetch(`${base}/signup`, {
      method: "POST", redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded", connection: "close" },
      body: new URLSearchParams({ csrf_token: token, email: "late@example.com", password: "a long passphrase" }),
    });
    await new Promise((r) => setTimeout(r, 5));
    child.kill("SIGTERM");
    assert.equal((await inFlight).status, 303);
    assert.equal(await exited, 0, stderr);
    assert.match(stderr, /SIGTERM/);
    const check = connectDatabase(`sqlite:${join(directory, "fitgate.db")}`);
    const user = await check.db.selectFrom("users").select("email").where("email", "=", "late@example.com").executeTakeFirst();
    await check.close();
    assert.ok(user, "the confirmed sign-up was kept");
  });

  it("on SIGTERM does not wait forever for a client that never finishes its request", { timeout: 30_000 }, async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, "serve"], {
      env: { ...process.env, FITGATE_PORT: String(port), FITGATE_DATA_DIR: directory, FITGATE_ISSUER: `http://127.0.0.1:${port}`, FITGATE_LOG_LEVEL: "warn", FITGATE_SEED_FOODS: "false", FITGATE_SHUTDOWN_TIMEOUT_SECONDS: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    for (let i = 0; ; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      assert.ok(i < 200, `server did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // a slow (or malicious) client: request headers begun and never finished
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.on("error", () => {});
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nemail=");
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    child.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r("still running"), 15_000))]);
    socket.destroy();
    if (code === "still running") child.kill("SIGKILL");
    assert.equal(code, 0, stderr);
    assert.ok(Date.now() - started < 10_000);
    assert.match(stderr, /closing \d+ connection/);
  });
});
