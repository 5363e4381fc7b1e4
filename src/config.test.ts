import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig } from "./config.ts";

const KEY = Buffer.alloc(32, 7).toString("base64");

describe("loadConfig", () => {
  it("serves on 127.0.0.1:8080 with SQLite under ./data when nothing is set", () => {
    const config = loadConfig({});
    assert.equal(config.host, "127.0.0.1");
    assert.equal(config.port, 8080);
    assert.equal(config.databaseUrl, "sqlite:./data/fitgate.db");
    assert.equal(config.issuer.href, "http://localhost:8080/");
    assert.equal(config.accessTokenTtlSeconds, 3600);
    assert.equal(config.clientTokenTtlSeconds, 86_400);
    assert.equal(config.trustProxy, false);
    assert.ok(Object.isFrozen(config));
  });

  it("reports every problem on a line of its own", () => {
    const bad = { FITGATE_PORT: "eighty", FITGATE_ISSUER: "ftp://x", FITGATE_DATABASE_URL: "mysql://x", FITGATE_MASTER_KEY: "short", FITGATE_TRUST_PROXY: "not-an-ip" };
    assert.throws(() => loadConfig(bad), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 5);
      for (const name of ["FITGATE_PORT", "FITGATE_ISSUER", "FITGATE_DATABASE_URL", "FITGATE_MASTER_KEY", "FITGATE_TRUST_PROXY"]) {
        assert.ok(error.problems.some((p) => p.startsWith(name)), name);
      }
      assert.equal(error.message.split("\n").length, 6);
      return true;
    });
  });

  it("refuses to start in production without a master key", () => {
    assert.throws(() => loadConfig({ NODE_ENV: "production" }), /FITGATE_MASTER_KEY is required/);
    assert.equal(loadConfig({ NODE_ENV: "production", FITGATE_MASTER_KEY: KEY }).masterKey, KEY);
  });

  it("refuses a plain-http public issuer in production (cookies would not be Secure, OAuth would run without TLS)", () => {
    const production = { NODE_ENV: "production", FITGATE_MASTER_KEY: KEY };
    assert.throws(() => loadConfig({ ...production, FITGATE_ISSUER: "http://fitgate.example" }), /FITGATE_ISSUER=http:\/\/fitgate.example: .*https/);
    assert.equal(loadConfig({ ...production, FITGATE_ISSUER: "https://fitgate.example" }).issuer.protocol, "https:");
    for (const loopback of ["http://localhost:8080", "http://127.0.0.1:9000", "http://[::1]:8080"]) {
      assert.equal(loadConfig({ ...production, FITGATE_ISSUER: loopback }).issuer.protocol, "http:", loopback);
    }
    assert.equal(loadConfig({ FITGATE_ISSUER: "http://fitgate.example" }).issuer.protocol, "http:", "development allows it");
  });

  const trustCases: [string, false | number | string[]][] = [
    ["false", false],
    ["true", 1],
    ["2", 2],
    ["10.0.0.1, 192.168.0.0/16", ["10.0.0.1", "192.168.0.0/16"]],
  ];
  for (const [raw, expected] of trustCases) {
    it(`reads FITGATE_TRUST_PROXY=${raw}`, () => {
      assert.deepEqual(loadConfig({ FITGATE_TRUST_PROXY: raw }).trustProxy, expected);
    });
  }

  it("drops a trailing slash from the issuer and accepts PostgreSQL URLs", () => {
    const config = loadConfig({ FITGATE_ISSUER: "https://fitgate.example/", FITGATE_DATABASE_URL: "postgres://u@h/db" });
    assert.equal(config.issuer.origin, "https://fitgate.example");
    assert.equal(config.databaseUrl, "postgres://u@h/db");
  });
});
