// Cross-cutting guarantees: no secret reaches a log line, https cookies are Secure and
// __Host- prefixed, and the development master key is generated once (never in production).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../src/config.ts";
import { resolveMasterKey } from "../../src/runtime.ts";
import { createTestUser } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { createPageClient } from "../helpers/pages.ts";
import { useTestApp } from "../helpers/suite.ts";

const [sqlite] = await databaseTargets();

describe("logs", () => {
  let logs = "";
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) => { logs += chunk.toString(); });
  const t = useTestApp(sqlite!, { logStream: stream, env: { FITGATE_LOG_LEVEL: "debug" } });

  it("never carry passwords, session cookies, CSRF tokens or issued secrets", async () => {
    const user = await createTestUser(t.deps, "logs@example.com", "a very secret passphrase");
    const browser = createPageClient(t.app);
    await browser.submit("/login", "/login", { email: user.email, password: "a wrong secret passphrase" });
    await browser.submit("/login", "/login", { email: user.email, password: user.password });
    const created = await browser.submit("/developer/apps/new", "/developer/apps", {
      name: "Logged app", type: "confidential", scopes: "basic", redirect_uris: "https://a.example/cb",
    });
    const page = await browser.get(created.headers.location as string);
    const secret = /id="client-secret">([^<]+)</.exec(page.body)?.[1];
    assert.ok(secret);
    await t.app.inject({ url: "/healthz?code=abc123secretcode&client_secret=querysecret" });

    assert.match(logs, /request completed/, "requests are logged at all");
    for (const value of [user.password, "a wrong secret passphrase", secret, browser.cookies.get("fitgate_session"), browser.cookies.get("fitgate_csrf"), "abc123secretcode", "querysecret"]) {
      assert.ok(value !== undefined && !logs.includes(value), `log contains ${value}`);
    }
  });

  it("never carry the query of a URL the router refuses (fastify quotes the whole URL in its error)", async () => {
    await t.app.inject({ url: "/developer/apps/%zz?code=badurlsecret1&x=1" });
    await t.app.inject({ url: `/developer/apps/${"a".repeat(300)}?client_secret=longparamsecret2` });
    assert.match(logs, /not a valid url component/, "the refusal is logged");
    assert.match(logs, /max param length/, "the refusal is logged");
    for (const value of ["badurlsecret1", "longparamsecret2"]) assert.ok(!logs.includes(value), `log contains ${value}`);
  });
});

describe("cookies on an https issuer", () => {
  const t = useTestApp(sqlite!, { env: { FITGATE_ISSUER: "https://fitgate.example" } });

  it("are Secure and __Host- prefixed, and HSTS is sent", async () => {
    const user = await createTestUser(t.deps);
    const browser = createPageClient(t.app);
    const login = await browser.submit("/login", "/login", { email: user.email, password: user.password });
    const session = login.cookies.find((c) => c.name === "__Host-fitgate_session");
    assert.ok(session);
    assert.equal(session.secure, true);
    assert.equal(session.httpOnly, true);
    assert.equal(session.path, "/");
    assert.match(login.headers["strict-transport-security"] as string, /max-age=/);
  });
});

describe("request targets the router refuses", () => {
  const t = useTestApp(sqlite!);

  it("get the page family's HTML error with the security headers, not fastify's bare JSON", async () => {
    for (const url of ["/developer/apps/%zz", `/developer/apps/${"a".repeat(300)}`]) {
      const response = await t.app.inject({ method: "GET", url });
      assert.equal(response.statusCode, 400, url);
      assert.match(String(response.headers["content-type"]), /^text\/html/, url);
      assert.match(String(response.headers["content-security-policy"]), /frame-ancestors 'none'/, url);
      assert.doesNotMatch(response.body, /FST_ERR/);
    }
  });
});

describe("the master key", () => {
  let directory: string;
  before(() => { directory = mkdtempSync(join(tmpdir(), "fitgate-key-")); });
  after(() => rmSync(directory, { recursive: true, force: true }));

  it("is generated once into the data directory in development, with a warning", () => {
    const config = loadConfig({ FITGATE_DATA_DIR: directory });
    const warnings: string[] = [];
    const first = resolveMasterKey(config, (w) => warnings.push(w));
    const second = resolveMasterKey(config, (w) => warnings.push(w));
    assert.equal(first, second);
    assert.equal(Buffer.from(first, "base64").length, 32);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? "", /FITGATE_MASTER_KEY/);
    assert.equal(readFileSync(join(directory, "master.key"), "utf8").trim(), first);
    assert.equal(statSync(join(directory, "master.key")).mode & 0o077, 0, "readable by its owner only");
  });

  it("is one key for processes that start at the same moment, and none of them fails", async () => {
    const shared = mkdtempSync(join(tmpdir(), "fitgate-key-race-"));
    try {
      const runtime = new URL("../../src/runtime.ts", import.meta.url).href;
      const config = new URL("../../src/config.ts", import.meta.url).href;
      const startAt = Date.now() + 1500;
      const script = `const { resolveMasterKey } = await import(${JSON.stringify(runtime)});
        const { loadConfig } = await import(${JSON.stringify(config)});
        const c = loadConfig({ FITGATE_DATA_DIR: ${JSON.stringify(shared)} });
        while (Date.now() < ${startAt}) {}
        process.stdout.write(resolveMasterKey(c, () => {}));`;
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => new Promise<{ code: number | null; key: string; error: string }>((resolve) => {
        const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
        let key = "";
        let error = "";
        child.stdout.on("data", (chunk: Buffer) => { key += chunk.toString(); });
        child.stderr.on("data", (chunk: Buffer) => { error += chunk.toString(); });
        child.on("close", (code) => resolve({ code, key, error }));
      })));
      assert.deepEqual(outcomes.map((o) => o.code), Array<number>(8).fill(0), outcomes.map((o) => o.error).join("\n"));
      const stored = readFileSync(join(shared, "master.key"), "utf8").trim();
      assert.deepEqual(new Set(outcomes.map((o) => o.key)), new Set([stored]));
      assert.deepEqual(readdirSync(shared), ["master.key"], "no draft files left behind");
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });

  it("refuses a master.key file that does not hold a key, instead of using it", () => {
    const broken = mkdtempSync(join(tmpdir(), "fitgate-key-broken-"));
    try {
      writeFileSync(join(broken, "master.key"), "");
      assert.throws(() => resolveMasterKey(loadConfig({ FITGATE_DATA_DIR: broken }), () => {}), /32-byte base64 master key/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });

  it("comes from FITGATE_MASTER_KEY when set, and is required in production", () => {
    const key = Buffer.alloc(32, 1).toString("base64");
    assert.equal(resolveMasterKey(loadConfig({ FITGATE_MASTER_KEY: key, FITGATE_DATA_DIR: directory }), () => assert.fail("no warning")), key);
    assert.throws(() => loadConfig({ NODE_ENV: "production", FITGATE_DATA_DIR: directory }), /FITGATE_MASTER_KEY is required/);
  });
});
