// Two errors developers meet on the API: a method the path does not answer (405 with Allow,
// RFC 9110 §15.5.6, code 113), and an OAuth 1 signature the server did not compute the same way
// (code 8, with the base string fitgate computed in development, as /oauth/* gives debug_sbs).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { databaseTargets } from "../helpers/databases.ts";
import { useTestApp } from "../helpers/suite.ts";
import { authorizationHeader, createConsumer, ISSUER } from "../oauth1/oauth1-helpers.ts";

const [sqlite] = await databaseTargets();

for (const production of [false, true]) describe(`API errors with NODE_ENV ${production ? "production" : "development"}`, () => {
  const t = useTestApp(sqlite!, production ? { env: { NODE_ENV: "production" } } : {});

  const wrongMethods: [string, string, string][] = [
    ["PUT", "/api/v1/profile", "GET, HEAD"],
    ["DELETE", "/rest/server.api", "GET, HEAD, POST"],
    ["POST", "/api/openapi.json", "GET, HEAD"],
  ];
  for (const [method, url, allow] of wrongMethods) {
    test(`${method} ${url} is 405 with Allow: ${allow} and code 113`, async () => {
      const response = await t.app.inject({ method: method as "PUT", url });
      assert.equal(response.statusCode, 405, response.body);
      assert.equal(response.headers.allow, allow);
      assert.equal((response.json() as { error: { code: number } }).error.code, 113);
    });
  }

  test("an unknown path is still 404 with code 104", async () => {
    const response = await t.app.inject({ method: "PUT", url: "/api/v1/nothing" });
    assert.equal(response.statusCode, 404);
    assert.equal((response.json() as { error: { code: number } }).error.code, 104);
  });

  test(`a wrong OAuth 1 signature is code 8 ${production ? "without" : "with"} the base string fitgate computed`, async () => {
    const consumer = await createConsumer(t);
    const url = `${ISSUER}/rest/server.api?method=foods.search&search_expression=egg&format=json`;
    const header = authorizationHeader({ ...consumer, secret: "not the consumer secret" }, "GET", url);
    const response = await t.app.inject({ method: "GET", url: url.slice(ISSUER.length), headers: { authorization: header } });
    assert.equal(response.statusCode, 401, response.body);
    const { error } = response.json() as { error: { code: number; message: string } };
    assert.equal(error.code, 8);
    assert.equal(response.headers["www-authenticate"], 'OAuth realm="http://localhost:8080"', "the realm /oauth/* uses too");
    const expected = `GET&${encodeURIComponent(`${ISSUER}/rest/server.api`)}&`;
    if (production) assert.ok(!error.message.includes("debug_sbs:"), error.message);
    else assert.ok(error.message.includes(`debug_sbs: ${expected}`), error.message);
  });
});
