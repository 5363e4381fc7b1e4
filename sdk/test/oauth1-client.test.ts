import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Client } from "../../src/domain/client.ts";
import { verifySignedRequest, type VerificationPolicy } from "../../src/protocol/oauth1/verification.ts";
import { RFC5849_FLOW, RFC5849_SIGNATURES } from "../../test/vectors/rfc5849.ts";
import { OAuth1Error } from "../src/errors.ts";
import { createOAuth1Client } from "../src/oauth1/client.ts";
import type { SignatureMethod } from "../src/oauth1/signature.ts";
import { createFakeFetch } from "./fake-fetch.ts";

/** the oauth_signature out of an Authorization header */
function signatureOf(authorization: string): string {
  const match = /oauth_signature="([^"]*)"/.exec(authorization);
  return decodeURIComponent(match?.[1] ?? "");
}

describe("OAuth 1 signer against RFC 5849's vectors", () => {
  for (const vector of RFC5849_SIGNATURES) {
    it(`signs ${vector.name} as the RFC does`, () => {
      const get = (name: string) => vector.parameters.find(([n]) => n === name)?.[1];
      const oauthNames = new Set(["oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_timestamp", "oauth_nonce"]);
      const client = createOAuth1Client({
        consumerKey: get("oauth_consumer_key") ?? "",
        consumerSecret: vector.consumerSecret,
        now: () => new Date(Number(get("oauth_timestamp")) * 1000),
        generateNonce: () => get("oauth_nonce") ?? "",
        sendVersion: false, // the RFC's examples leave oauth_version out
      });
      const extra = Object.fromEntries(vector.parameters.filter(([n]) => n.startsWith("oauth_") && !oauthNames.has(n)));
      const form = vector.parameters.filter(([n]) => !n.startsWith("oauth_"));
      const token = get("oauth_token");
      const signed = client.sign({
        method: vector.method,
        url: vector.url,
        token: token === undefined ? null : { token, tokenSecret: vector.tokenSecret ?? "" },
        form: new URLSearchParams(form.map(([n, v]) => [n, v])),
        protocolParameters: extra,
      });
      if (vector.baseString !== null) assert.equal(signed.baseString, vector.baseString);
      assert.equal(signatureOf(signed.authorization), vector.signature);
    });
  }
});

describe("OAuth 1 signer against fitgate's verifier", () => {
  const consumerSecret = "consumer secret with spaces & symbols!*'()";
  const policy = (now: Date): VerificationPolicy<string> => ({
    findConsumer: async (key) => key === "ck" ? { client: { id: "client-1" } as unknown as Client, consumerSecret } : null,
    findToken: async (token) => token === null ? null : { token, tokenSecret: "token-secret~é" },
    replay: { rememberNonce: async () => true, advanceTimestamp: async () => true },
    windowSeconds: 300,
    strictTimestamps: false,
    allowPlaintext: true,
    now,
  });
  const cases: [string, SignatureMethod, "GET" | "POST"][] = [
    ["HMAC-SHA1 GET", "HMAC-SHA1", "GET"], ["HMAC-SHA1 POST", "HMAC-SHA1", "POST"],
    ["HMAC-SHA256 POST", "HMAC-SHA256", "POST"], ["PLAINTEXT GET", "PLAINTEXT", "GET"],
  ];
  for (const [what, signatureMethod, method] of cases) {
    it(`produces ${what} requests the server accepts, with awkward parameters`, async () => {
      const fetch = createFakeFetch(() => new Response("ok"));
      const now = new Date();
      const client = createOAuth1Client({ consumerKey: "ck", consumerSecret, signatureMethod, fetch, now: () => now });
      const form = { method: "foods.search", search_expression: "crème brûlée & toast!*'()", max_results: "5", format: "json" };
      await client.fetch({ method, url: "https://api.example/rest/server.api?a=1+2&b=%2B", token: { token: "tok", tokenSecret: "token-secret~é" }, form });
      const seen = fetch.seen[0];
      assert.ok(seen !== undefined);
      const verified = await verifySignedRequest({
        method,
        url: new URL(seen.url),
        authorization: seen.headers.get("authorization"),
        formBody: method === "POST" ? new URLSearchParams(seen.body) : null,
      }, policy(now));
      assert.equal(verified.token, "tok");
      assert.equal(verified.signatureMethod, signatureMethod);
    });
  }

  it("is refused by the server when the consumer secret is wrong", async () => {
    const fetch = createFakeFetch(() => new Response("ok"));
    const client = createOAuth1Client({ consumerKey: "ck", consumerSecret: "wrong", fetch });
    await client.fetch({ method: "GET", url: "https://api.example/x" });
    const seen = fetch.seen[0];
    await assert.rejects(
      verifySignedRequest({ method: "GET", url: new URL(seen?.url ?? ""), authorization: seen?.headers.get("authorization") ?? null, formBody: null }, policy(new Date())),
      (error: unknown) => error instanceof Error && "problem" in error && error.problem === "signature_invalid",
    );
  });
});

describe("OAuth 1 three-legged flow", () => {
  it("requests a token with oauth_callback, builds the authorization URL and exchanges the verifier", async () => {
    const fetch = createFakeFetch((request) => request.url.endsWith("/initiate")
      ? new Response("oauth_token=hh5s93j4hdidpola&oauth_token_secret=hdhd0244k9j7ao03&oauth_callback_confirmed=true")
      : new Response("oauth_token=nnch734d00sl2jdk&oauth_token_secret=pfkkdhi9sl3r4s00"));
    const client = createOAuth1Client({
      consumerKey: RFC5849_FLOW.consumerKey, consumerSecret: RFC5849_FLOW.consumerSecret, fetch,
      requestTokenUrl: "https://photos.example.net/initiate", authorizeUrl: "https://photos.example.net/authorize", accessTokenUrl: "https://photos.example.net/token",
    });
    const requestToken = await client.getRequestToken(RFC5849_FLOW.callback);
    assert.match(fetch.seen[0]?.headers.get("authorization") ?? "", /oauth_callback="http%3A%2F%2Fprinter.example.com%2Fready"/);
    assert.equal(client.getAuthorizationUrl(requestToken).href, "https://photos.example.net/authorize?oauth_token=hh5s93j4hdidpola");
    const { verifier } = client.parseCallback(`${RFC5849_FLOW.callback}?oauth_token=hh5s93j4hdidpola&oauth_verifier=hfdp7dh39dks9884`, requestToken);
    const accessToken = await client.getAccessToken(requestToken, verifier);
    assert.deepEqual(accessToken, { token: "nnch734d00sl2jdk", tokenSecret: "pfkkdhi9sl3r4s00" });
    const exchange = fetch.seen[1]?.headers.get("authorization") ?? "";
    assert.match(exchange, /oauth_verifier="hfdp7dh39dks9884"/);
    assert.match(exchange, /oauth_token="hh5s93j4hdidpola"/);
  });

  const callbackFailures: [string, string, string][] = [
    ["the user's denial", "https://app.example/cb?oauth_token=t&oauth_problem=permission_denied", "permission_denied"],
    ["a callback for another request token", "https://app.example/cb?oauth_token=other&oauth_verifier=v", "token_mismatch"],
    ["a callback without verifier", "https://app.example/cb?oauth_token=t", "parameter_absent"],
  ];
  for (const [what, url, problem] of callbackFailures) {
    it(`reports ${what} as OAuth1Error ${problem}`, () => {
      const client = createOAuth1Client({ consumerKey: "ck", consumerSecret: "cs" });
      assert.throws(() => client.parseCallback(url, { token: "t" }), (error: unknown) => error instanceof OAuth1Error && error.problem === problem);
    });
  }

  it("turns an oauth_problem body into OAuth1Error with its advice", async () => {
    const fetch = createFakeFetch(() => new Response("oauth_problem=consumer_key_unknown&oauth_problem_advice=register+first", { status: 401 }));
    const client = createOAuth1Client({ consumerKey: "ck", consumerSecret: "cs", fetch, requestTokenUrl: "https://as.example/rt" });
    await assert.rejects(client.getRequestToken("oob"), (error: unknown) =>
      error instanceof OAuth1Error && error.code === "consumer_key_unknown" && error.advice === "register first" && error.status === 401);
  });

  it("refuses a server that does not confirm the callback (not OAuth 1.0a)", async () => {
    const fetch = createFakeFetch(() => new Response("oauth_token=t&oauth_token_secret=s"));
    const client = createOAuth1Client({ consumerKey: "ck", consumerSecret: "cs", fetch, requestTokenUrl: "https://as.example/rt" });
    await assert.rejects(client.getRequestToken("oob"), OAuth1Error);
  });
});
