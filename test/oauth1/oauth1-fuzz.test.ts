// Robustness of the signed endpoints (SPEC §6: bad input never gives a 500): random and malformed
// Authorization headers, broken percent-encodings, control characters, huge values and odd
// content types, on both databases (PostgreSQL refuses a NUL that SQLite stores). Every answer
// under /oauth/ is a form-encoded oauth_problem (or a success), never a server error.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { databaseTargets } from "../helpers/databases.ts";
import { createConsumer, getRequestToken, parseForm, signedRequest, type Consumer, type Token } from "./oauth1-helpers.ts";
import { useTestApp, useTestServer } from "../helpers/suite.ts";
import { rawRequest, sendRawHttp } from "../helpers/raw-http.ts";

const RUNS = { numRuns: 120, interruptAfterTimeLimit: 20_000 };
const ENDPOINTS = ["/oauth/request_token", "/oauth/access_token", "/oauth/revoke"] as const;

function assertProtocolAnswer(response: LightMyRequestResponse, what: string): void {
  assert.ok(response.statusCode < 500, `${what} → ${response.statusCode} ${response.body}`);
  assert.equal(response.headers["content-type"], "application/x-www-form-urlencoded", what);
  if (response.statusCode !== 200) assert.ok(parseForm(response).oauth_problem, `${what} → ${response.body}`);
}

// the pieces that broke parsers before: broken escapes, escaped invalid UTF-8, lone surrogates, NUL
const nasty = fc.constantFrom("%zz", "%", "%4", "%ED%A0%80", "%FF%FE", "%C0%AF", "%00", "\u0000", "\ud800", "\udfff",
  "\r\n", "\"", "\\", "+", "%2B", "☃", "x".repeat(5000), "");
const value = fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), nasty, fc.array(nasty, { maxLength: 4 }).map((parts) => parts.join("")));
// raw "%zz" stays as it is; bytes an HTTP request line cannot carry are escaped
const escapeNonPrintable = (text: string) =>
  [...Buffer.from(text, "utf8")].map((byte) => (byte > 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, "0")}`)).join("");
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e\xa0-\xff]/g, "?"); // what an HTTP header can carry
const protocolName = fc.constantFrom("oauth_consumer_key", "oauth_token", "oauth_nonce", "oauth_timestamp", "oauth_signature",
  "oauth_signature_method", "oauth_callback", "oauth_verifier", "oauth_version", "realm", "scope", "x");

const targets = await databaseTargets();
for (const target of targets) {
  describe(`OAuth 1.0a endpoints under random input on ${target.dialect}`, { skip: target.skip }, () => {
    const testApp = useTestApp(target);
    let consumer: Consumer;
    let requestToken: Token;
    before(async () => {
      consumer = await createConsumer(testApp);
      requestToken = await getRequestToken(testApp.app, consumer);
    });

    // correctly signed, so each value gets as far as the database
    const controlCharacters: Array<[string, Parameters<typeof signedRequest>[0]]> = [];
    before(() => {
      controlCharacters.push(
        ["a NUL in the nonce", { consumer, path: "/oauth/request_token", nonce: "a\u0000b", oauth: { oauth_callback: "oob" } }],
        ["a NUL in the callback", { consumer, path: "/oauth/request_token", oauth: { oauth_callback: "http://localhost:12345/callback?\u0000" } }],
        ["a line break in the callback", { consumer, path: "/oauth/request_token", oauth: { oauth_callback: "http://localhost:12345/call\nback" } }],
        ["a NUL in the token", { consumer, path: "/oauth/access_token", token: { key: "a\u0000b", secret: "" }, oauth: { oauth_verifier: "v" } }],
        ["a NUL in the verifier", { consumer, path: "/oauth/access_token", token: requestToken, oauth: { oauth_verifier: "\u0000" } }],
        ["a NUL in the consumer key", { consumer: { ...consumer, key: "\u0000" }, path: "/oauth/request_token", oauth: { oauth_callback: "oob" } }],
      );
    });
    it("refuses control characters in protocol parameters with parameter_rejected, never a 500", async () => {
      for (const [name, options] of controlCharacters) {
        const response = await testApp.app.inject(signedRequest(options));
        assertProtocolAnswer(response, name);
        assert.equal(response.statusCode, 400, `${name}: ${response.body}`);
        assert.equal(parseForm(response).oauth_problem, "parameter_rejected", name);
      }
    });

    it("explains an authorization link whose oauth_token holds a NUL on a page, not a 500", async () => {
      const response = await testApp.app.inject({ method: "GET", url: "/oauth/authorize?oauth_token=%00" });
      assert.equal(response.statusCode, 400, response.body);
      assert.match(String(response.headers["content-type"]), /^text\/html/);
    });

    it("answers random Authorization headers with an oauth_problem", async () => {
      const header = fc.oneof(
        fc.string({ maxLength: 200 }).map((s) => `OAuth ${s}`),
        fc.array(fc.tuple(protocolName, value), { maxLength: 8 }).map((pairs) => `OAuth ${pairs.map(([n, v]) => `${n}="${v}"`).join(", ")}`),
        fc.constantFrom("OAuth", "OAuth ", "oauth realm=\"\"", "OAuth ,,,", "OAuth a=\"b\",", "Bearer x", "Basic Og=="),
      );
      await fc.assert(fc.asyncProperty(fc.constantFrom(...ENDPOINTS), fc.constantFrom("GET", "POST"), header, async (url, method, authorization) => {
        const response = await testApp.app.inject({ method, url, headers: { authorization: headerSafe(authorization) } });
        assertProtocolAnswer(response, `${method} ${url} ${authorization.slice(0, 80)}`);
      }), RUNS);
    });

    it("answers random queries and form bodies with odd content types with an oauth_problem", async () => {
      const encodedPairs = fc.array(fc.tuple(protocolName, value), { maxLength: 8 })
        .map((pairs) => pairs.map(([n, v]) => `${n}=${escapeNonPrintable(v)}`).join("&"));
      const contentType = fc.constantFrom("application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=latin1",
        "application/x-www-form-urlencodedX", "application/json", "text/plain", "multipart/form-data; boundary=x", "*/*", "");
      await fc.assert(fc.asyncProperty(fc.constantFrom(...ENDPOINTS), encodedPairs, encodedPairs, contentType, async (url, query, body, type) => {
        const response = await testApp.app.inject({ method: "POST", url: `${url}?${query}`, headers: type === "" ? {} : { "content-type": type }, payload: body });
        assertProtocolAnswer(response, `POST ${url}?${query.slice(0, 80)} (${type}) ${body.slice(0, 80)}`);
      }), RUNS);
    });

    it("answers correctly signed requests with random parameter values without a server error", async () => {
      const anyPath = fc.constantFrom("/oauth/request_token", "/oauth/access_token", "/oauth/revoke", "/rest/server.api");
      await fc.assert(fc.asyncProperty(anyPath, value, value, value, value, async (path, nonce, token, callback, verifier) => {
        const response = await testApp.app.inject(signedRequest({
          consumer, path, nonce: nonce === "" ? "n" : nonce, token: token === "" ? undefined : { key: token, secret: "" },
          oauth: { oauth_callback: callback, oauth_verifier: verifier }, body: [["method", "profile.get"]],
        }));
        assert.ok(response.statusCode < 500, `${path} → ${response.statusCode} ${response.body}`);
        if (path !== "/rest/server.api") assertProtocolAnswer(response, path);
      }), RUNS);
    });
  });
}

describe("a request target in absolute form (GET http://host/path)", { skip: targets[0]?.skip ?? "no database" }, () => {
  const server = useTestServer(targets[0]!);
  it("is signed over the issuer's URL, whatever host it names, and never gives a 500", async () => {
    const consumer = await createConsumer(server);
    const signedFor = (signedUrl: string) => {
      const { headers } = signedRequest({ consumer, method: "GET", path: "/oauth/request_token?oauth_callback=oob", signedUrl });
      return rawRequest(server.url, "GET", "http://evil.example/oauth/request_token?oauth_callback=oob", { headers: { Host: "evil.example", Authorization: String(headers?.authorization) } });
    };
    const honest = await sendRawHttp(server.url, signedFor(`${server.url}/oauth/request_token?oauth_callback=oob`));
    assert.equal(honest.status, 200, honest.body);
    assert.match(honest.body, /oauth_callback_confirmed=true/);
    const forOtherHost = await sendRawHttp(server.url, signedFor("http://evil.example/oauth/request_token?oauth_callback=oob"));
    assert.equal(forOtherHost.status, 401, forOtherHost.body);
    assert.match(forOtherHost.body, /oauth_problem=signature_invalid/);
  });
});
