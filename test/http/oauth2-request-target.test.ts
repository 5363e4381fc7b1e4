// A request target in absolute form (RFC 9112 §3.2.2: `POST http://host/oauth2/token HTTP/1.1`)
// reaches the same routes as the usual origin form, so it must get the same answers: RFC 6749
// JSON errors from the token family (it used to fall to the page family as a 500) and a local
// return_to from the authorization endpoint. Raw sockets, since fetch always sends origin form.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { describe, it } from "node:test";
import { createTestClient, startTestServer } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { REDIRECT_URI } from "../helpers/oauth2-flow.ts";

const targets = await databaseTargets();

for (const target of targets) {
  describe(`OAuth 2 with absolute-form request targets on ${target.dialect}`, { skip: target.skip }, () => {
    /** one raw HTTP/1.1 exchange, so the request target can be in absolute form (RFC 9112 §3.2.2) */
    const exchange = (url: string, requestTarget: string, body: string | null) => new Promise<{ status: number; type: string; location: string; body: string }>((resolve, reject) => {
      const { hostname, port } = new URL(url);
      const socket = connect(Number(port), hostname, () => socket.write([
        `${body === null ? "GET" : "POST"} ${requestTarget} HTTP/1.1`, `Host: ${hostname}:${port}`, "Connection: close",
        ...(body === null ? [] : ["Content-Type: application/x-www-form-urlencoded", `Content-Length: ${Buffer.byteLength(body)}`]), "", body ?? "",
      ].join("\r\n")));
      let raw = "";
      socket.on("data", (chunk) => { raw += String(chunk); });
      socket.on("error", reject);
      socket.on("end", () => resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]), type: /\r\ncontent-type: ([^\r]*)/i.exec(raw)?.[1] ?? "",
        location: /\r\nlocation: ([^\r]*)/i.exec(raw)?.[1] ?? "", body: raw.slice(raw.indexOf("\r\n\r\n") + 4),
      }));
    });

    it("a request target in absolute form (GET http://host/oauth2/token) still gets RFC 6749 JSON errors, not a 500 page", async () => {
      const database = await target.open();
      const server = await startTestServer(database);
      try {
        const token = await exchange(server.url, `${server.url}/oauth2/token`, "grant_type=client_credentials&client_id=nobody&client_secret=x");
        assert.equal(token.status, 401, token.body);
        assert.match(token.type, /^application\/json/);
        assert.equal(JSON.parse(token.body.replace(/^[0-9a-f]+\r\n|\r\n0\r\n\r\n$/g, "")).error, "invalid_client");
        const revoke = await exchange(server.url, "http://elsewhere.example/oauth2/revoke", null);
        assert.equal(revoke.status, 405);
        assert.match(revoke.type, /^application\/json/);
        const { client } = await createTestClient(server.deps);
        const query = new URLSearchParams({ response_type: "code", client_id: client.id, redirect_uri: REDIRECT_URI });
        const authorize = await exchange(server.url, `http://elsewhere.example/oauth2/authorize?${query}`, null);
        assert.equal(authorize.status, 303);
        assert.equal(authorize.location, `/login?return_to=${encodeURIComponent(`/oauth2/authorize?${query}`)}`, "back to a local path after login");
      } finally {
        await server.close();
        await database.close();
      }
    });
  });

}
