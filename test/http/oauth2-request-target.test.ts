// Request targets other than the plain origin form reach the same routes — absolute form (RFC 9112
// §3.2.2: `POST http://host/oauth2/token HTTP/1.1`), percent-encoded path characters (the router
// decodes them), a fragment sent by a careless client — so they must get the same answers: RFC
// 6749 JSON errors from the token family (they used to fall to the page family as a 500), and a
// local return_to from the authorization endpoint. Raw sockets, since fetch normalizes targets.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTestClient } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { REDIRECT_URI } from "../helpers/oauth2-flow.ts";
import { useTestServer } from "../helpers/suite.ts";
import { rawRequest, sendRawHttp } from "../helpers/raw-http.ts";

const targets = await databaseTargets();

/** one raw HTTP/1.1 exchange with the request target written as given: a POST with `body`, else a GET */
function exchange(url: string, requestTarget: string, body: string | null) {
  return sendRawHttp(url, rawRequest(url, body === null ? "GET" : "POST", requestTarget, body === null ? {} : { body }));
}

const UNKNOWN_CLIENT = "grant_type=client_credentials&client_id=nobody&client_secret=x";

for (const target of targets) {
  describe(`OAuth 2 with unusual request targets on ${target.dialect}`, { skip: target.skip }, () => {
    const server = useTestServer(target);

    const tokenTargets: Array<[string, (url: string) => string]> = [
      ["absolute form", (url) => `${url}/oauth2/token`],
      ["absolute form naming another host", () => "http://elsewhere.example/oauth2/token"],
      ["a percent-encoded path character", () => "/oauth2/%74oken"],
      ["a percent-encoded first segment", () => "/%6Fauth2/token"],
      ["a fragment", () => "/oauth2/token#x"],
    ];
    for (const [name, requestTarget] of tokenTargets) {
      it(`a token request with ${name} gets the RFC 6749 JSON error, not a 500 page`, async () => {
        const response = await exchange(server.url, requestTarget(server.url), UNKNOWN_CLIENT);
        assert.equal(response.status, 401, response.body);
        assert.match(response.header("content-type"), /^application\/json/);
        assert.match(response.body, /"error":"invalid_client"/);
      });
    }

    it("a GET to /oauth2/revoke in absolute form is the JSON 405", async () => {
      const response = await exchange(server.url, "http://elsewhere.example/oauth2/revoke", null);
      assert.equal(response.status, 405);
      assert.match(response.header("content-type"), /^application\/json/);
    });

    it("an authorization request in absolute form sends the person to log in and back to a local path", async () => {
      const { client } = await createTestClient(server.deps);
      const query = new URLSearchParams({ response_type: "code", client_id: client.id, redirect_uri: REDIRECT_URI });
      const response = await exchange(server.url, `http://elsewhere.example/oauth2/authorize?${query}`, null);
      assert.equal(response.status, 303);
      assert.equal(response.header("location"), `/login?return_to=${encodeURIComponent(`/oauth2/authorize?${query}`)}`);
    });
  });
}
