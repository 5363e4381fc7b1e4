// FITGATE_TRUST_PROXY decides which address is the client's: the socket's, or the one a
// trusted proxy appended to X-Forwarded-For — never one the client wrote itself.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildApp } from "../../src/app.ts";
import { testDeps } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { useTestDatabase } from "../helpers/suite.ts";

const [sqlite] = await databaseTargets();

describe("client address behind proxies", () => {
  const cases: [string, string | undefined, string, string][] = [
    ["no proxy trusted: the socket address", undefined, "203.0.113.9, 198.51.100.7", "10.0.0.2"],
    ["true trusts one hop: the entry the proxy appended", "true", "203.0.113.9, 198.51.100.7", "198.51.100.7"],
    ["two hops", "2", "203.0.113.9, 198.51.100.7", "203.0.113.9"],
    ["a named proxy", "10.0.0.0/8", "203.0.113.9, 198.51.100.7", "198.51.100.7"],
    ["a proxy that is not the named one", "192.0.2.1", "203.0.113.9", "10.0.0.2"],
  ];
  const database = useTestDatabase(sqlite!);

  for (const [what, setting, forwardedFor, expected] of cases) {
    it(`${what} → ${expected}`, async () => {
      const app = await buildApp(testDeps(database, { env: setting === undefined ? {} : { FITGATE_TRUST_PROXY: setting } }), { logger: false });
      app.get("/__whoami", async (request) => ({ ip: request.ip }));
      const response = await app.inject({ url: "/__whoami", remoteAddress: "10.0.0.2", headers: { "x-forwarded-for": forwardedFor } });
      assert.deepEqual(response.json(), { ip: expected });
      await app.close();
    });
  }
});
