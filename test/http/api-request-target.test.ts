// Request targets the router treats as API paths get the API's error format too: absolute form
// (RFC 9112 §3.2.2) and percent-escaped paths, over a real socket.
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { describe, test } from "node:test";
import { isApiPath } from "../../src/http/api-errors.ts";
import { routedPathOf } from "../../src/http/errors.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { useTestServer } from "../helpers/suite.ts";

function rawGet(url: string, target: string): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: hostname, port, method: "GET", path: target }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => { body += chunk.toString(); });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, type: String(response.headers["content-type"]), body }));
    });
    request.on("error", reject);
    request.end();
  });
}

const [sqlite] = await databaseTargets();

describe("API request targets", () => {
  const rows: [string, boolean][] = [
    ["/api/v1/foods/search", true], ["/rest/server.api?method=x", true], ["http://localhost:8080/rest/server.api", true],
    ["/%61pi/v1/foods", true], ["/api", true], ["/apis", false], ["/login", false], ["/%zz", false],
  ];
  for (const [target, expected] of rows) test(`${target} is ${expected ? "" : "not "}an API path`, () => assert.equal(isApiPath(routedPathOf(target)), expected));

  const server = useTestServer(sqlite!);

  for (const target of ["ABSOLUTE/rest/server.api?method=foods.search&search_expression=toast", "/rest/%73erver.api?method=foods.search", "ABSOLUTE/api/v1/nothing"]) {
    test(`${target} without credentials answers in the API's JSON error format`, async () => {
      const response = await rawGet(server.url, target.replace("ABSOLUTE", server.url));
      assert.ok(response.status === 401 || response.status === 404, `${response.status} ${response.body}`);
      assert.match(response.type, /^application\/json/);
      assert.ok([10, 104].includes((JSON.parse(response.body) as { error: { code: number } }).error.code));
    });
  }
});
