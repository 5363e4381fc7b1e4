import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { Writable } from "node:stream";
import type { LightMyRequestResponse } from "fastify";
import { withTestApp } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { createConsumer, getRequestToken, parseForm, signedRequest, signerFor, type Consumer } from "./oauth1-helpers.ts";
import { useTestApp } from "../helpers/suite.ts";

const callback = { oauth_callback: "oob" };

function assertProblem(response: LightMyRequestResponse, status: number, problem: string): Record<string, string> {
  assert.equal(response.statusCode, status, response.body);
  assert.equal(response.headers["content-type"], "application/x-www-form-urlencoded");
  const form = parseForm(response);
  assert.equal(form.oauth_problem, problem, response.body);
  assert.ok((form.oauth_problem_advice ?? "").length > 10, "the advice says what to fix");
  return form;
}

const targets = await databaseTargets();
for (const target of targets) {
  describe(`OAuth 1.0a requests that must fail, and how, on ${target.dialect}`, { skip: target.skip }, () => {
    const testApp = useTestApp(target);
    let consumer: Consumer;
    const nowSeconds = () => Math.floor(Date.now() / 1000);
    before(async () => { consumer = await createConsumer(testApp); });
    const send = (options: Parameters<typeof signedRequest>[0]) => testApp.app.inject(signedRequest(options));

    it("refuses a replayed nonce with nonce_used", async () => {
      const request = signedRequest({ consumer, path: "/oauth/request_token", oauth: callback, nonce: "same-nonce" });
      assert.equal((await testApp.app.inject(request)).statusCode, 200);
      assertProblem(await testApp.app.inject(request), 401, "nonce_used");
    });

    const timestamps = [
      ["a stale timestamp", -301],
      ["a future timestamp", 301],
    ] as const;
    for (const [name, offsetSeconds] of timestamps) {
      it(`refuses ${name} with timestamp_refused and the acceptable range`, async () => {
        const form = assertProblem(await send({ consumer, path: "/oauth/request_token", oauth: callback, timestampSeconds: nowSeconds() + offsetSeconds }), 401, "timestamp_refused");
        assert.match(form.oauth_acceptable_timestamps ?? "", /^\d+-\d+$/);
      });
    }

    it("accepts a timestamp just inside the window", async () => {
      assert.equal((await send({ consumer, path: "/oauth/request_token", oauth: callback, timestampSeconds: nowSeconds() - 290 })).statusCode, 200);
    });

    it("refuses an unsupported signature method with signature_method_rejected", async () => {
      assertProblem(await send({ consumer, path: "/oauth/request_token", oauth: { ...callback, oauth_signature_method: "RSA-SHA1" } }), 400, "signature_method_rejected");
    });

    it("refuses PLAINTEXT over plain http", async () => {
      assertProblem(await send({ consumer, path: "/oauth/request_token", oauth: callback, signatureMethod: "PLAINTEXT" }), 400, "signature_method_rejected");
    });

    it("accepts HMAC-SHA256, signed by fitgate's signer and by the oauth-1.0a library", async () => {
      assert.equal((await send({ consumer, path: "/oauth/request_token", oauth: callback, signatureMethod: "HMAC-SHA256" })).statusCode, 200);
      const oauth = signerFor(consumer, "HMAC-SHA256");
      const header = oauth.toHeader(oauth.authorize({ method: "GET", url: "http://localhost:8080/oauth/request_token", data: callback })).Authorization;
      const library = await testApp.app.inject({ method: "GET", url: "/oauth/request_token", headers: { authorization: header } });
      assert.equal(library.statusCode, 200, library.body);
    });

    it("refuses a tampered query parameter and shows the base string it computed in development mode", async () => {
      const request = signedRequest({ consumer, path: "/oauth/request_token?scope=basic", oauth: callback });
      const form = assertProblem(await testApp.app.inject({ ...request, url: "/oauth/request_token?scope=profile" }), 401, "signature_invalid");
      assert.match(form.debug_sbs ?? "", /^POST&http%3A%2F%2Flocalhost%3A8080%2Foauth%2Frequest_token&/);
      assert.match(form.debug_sbs ?? "", /scope%3Dprofile/);
    });

    it("refuses a tampered form body parameter", async () => {
      const request = signedRequest({ consumer, path: "/oauth/request_token", oauth: callback, body: [["scope", "basic"]] });
      assertProblem(await testApp.app.inject({ ...request, payload: "scope=profile" }), 401, "signature_invalid");
    });

    it("refuses a signature made for another URL", async () => {
      assertProblem(await send({ consumer, path: "/oauth/request_token", oauth: callback, signedUrl: "http://localhost:8080/oauth/request_token/" }), 401, "signature_invalid");
      assertProblem(await send({ consumer, path: "/oauth/request_token", oauth: callback, signedUrl: "https://localhost:8080/oauth/request_token" }), 401, "signature_invalid");
    });

    it("refuses a signature made with the wrong consumer secret", async () => {
      assertProblem(await send({ consumer: { ...consumer, secret: "wrong" }, path: "/oauth/request_token", oauth: callback }), 401, "signature_invalid");
    });

    it("refuses an unknown consumer key with consumer_key_unknown", async () => {
      assertProblem(await send({ consumer: { ...consumer, key: "nobody" }, path: "/oauth/request_token", oauth: callback }), 401, "consumer_key_unknown");
    });

    it("refuses a callback that is not registered, and a missing one", async () => {
      assertProblem(await send({ consumer, path: "/oauth/request_token", oauth: { oauth_callback: "https://evil.example/callback" } }), 400, "parameter_rejected");
      assertProblem(await send({ consumer, path: "/oauth/request_token", oauth: { oauth_callback: "http://localhost:12345/callbackx" } }), 400, "parameter_rejected");
      assertProblem(await send({ consumer, path: "/oauth/request_token" }), 400, "parameter_absent");
    });

    it("signs over FITGATE_ISSUER even behind a trusted proxy that forwards another host and scheme", async () => {
      await withTestApp(testApp.database, { env: { FITGATE_TRUST_PROXY: "127.0.0.1" } }, async (proxied) => {
        const forwarded = { host: "proxy.example", "x-forwarded-host": "proxy.example", "x-forwarded-proto": "https" };
        const proxiedConsumer = await createConsumer(proxied); // sealed with this app's master key
        const send = (signedUrl: string) => {
          const request = signedRequest({ consumer: proxiedConsumer, path: "/oauth/request_token", oauth: callback, signedUrl });
          return proxied.app.inject({ ...request, headers: { ...request.headers, ...forwarded } });
        };
        assert.equal((await send("http://localhost:8080/oauth/request_token")).statusCode, 200);
        assertProblem(await send("https://proxy.example/oauth/request_token"), 401, "signature_invalid");
      });
    });

    it("refuses a protocol parameter sent twice across header and query", async () => {
      const request = signedRequest({ consumer, path: "/oauth/request_token", oauth: callback });
      assertProblem(await testApp.app.inject({ ...request, url: "/oauth/request_token?oauth_nonce=again" }), 400, "parameter_rejected");
    });

    it("refuses a protocol parameter sent twice across header and body", async () => {
      const request = signedRequest({ consumer, path: "/oauth/request_token", oauth: callback });
      const form = assertProblem(await testApp.app.inject({ ...request, headers: { ...request.headers, "content-type": "application/x-www-form-urlencoded" }, payload: "oauth_callback=oob" }), 400, "parameter_rejected");
      assert.equal(form.oauth_parameters_rejected, "oauth_callback");
    });

    it("refuses a request without a signature with parameter_absent", async () => {
      const response = await testApp.app.inject({ method: "GET", url: `/oauth/request_token?oauth_consumer_key=${consumer.key}&oauth_callback=oob` });
      assertProblem(response, 400, "parameter_absent");
    });

    const malformedHeaders = [
      `OAuth oauth_consumer_key=unquoted`,
      `OAuth oauth_consumer_key="a", garbage`,
      `OAuth oauth_consumer_key="%ZZ"`,
      `OAuth oauth_consumer_key="a" oauth_nonce="b"`,
    ];
    for (const header of malformedHeaders) {
      it(`refuses the malformed header ${JSON.stringify(header)} with a 400, not a 500`, async () => {
        assertProblem(await testApp.app.inject({ method: "GET", url: "/oauth/request_token", headers: { authorization: header } }), 400, "parameter_rejected");
      });
    }

    it("refuses an access token request whose token is a stranger's or unauthorized", async () => {
      const requestToken = await getRequestToken(testApp.app, consumer);
      assertProblem(await send({ consumer, token: requestToken, path: "/oauth/access_token", oauth: { oauth_verifier: "x" } }), 401, "token_rejected");
      assertProblem(await send({ consumer, token: { key: "unknown", secret: "" }, path: "/oauth/access_token", oauth: { oauth_verifier: "x" } }), 401, "token_rejected");
      const other = await createConsumer(testApp);
      assertProblem(await send({ consumer: other, token: requestToken, path: "/oauth/access_token", oauth: { oauth_verifier: "x" } }), 401, "token_rejected");
    });

    it("answers fastify's own errors under /oauth/ in the oauth_problem format", async () => {
      const notJson = await testApp.app.inject({ method: "POST", url: "/oauth/request_token", headers: { "content-type": "application/json" }, payload: "{not json" });
      assertProblem(notJson, 400, "parameter_rejected");
      const unsupported = await testApp.app.inject({ method: "POST", url: "/oauth/request_token", headers: { "content-type": "text/csv" }, payload: "a,b" });
      assertProblem(unsupported, 415, "parameter_rejected");
      const huge = await testApp.app.inject({ method: "POST", url: "/oauth/access_token", headers: { "content-type": "application/x-www-form-urlencoded" }, payload: `a=${"x".repeat(300_000)}` });
      assertProblem(huge, 413, "parameter_rejected");
      const missing = await testApp.app.inject({ method: "GET", url: "/oauth/nothing-here" });
      assertProblem(missing, 404, "parameter_rejected");
      for (const [method, url, allow] of [["PUT", "/oauth/request_token", "GET, HEAD, POST"], ["GET", "/oauth/revoke?x=1", "POST"]] as const) {
        const wrongMethod = await testApp.app.inject({ method, url });
        assertProblem(wrongMethod, 405, "parameter_rejected");
        assert.equal(wrongMethod.headers.allow, allow, "RFC 9110 §15.5.6: a 405 names the methods");
      }
    });
  });
}

describe("what OAuth 1.0a refusals leave in the logs", () => {
  const lines: string[] = [];
  const logStream = new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(chunk.toString()); done(); } });
  const testApp = useTestApp(targets[0]!, { logStream, env: { FITGATE_LOG_LEVEL: "info" } });
  it("logs a refusal as information without secrets, not as a crash", async () => {
    const consumer = await createConsumer(testApp);
    const response = await testApp.app.inject(signedRequest({ consumer: { ...consumer, secret: "wrong-secret" }, path: "/oauth/request_token?oauth_callback=oob" }));
    assert.equal(parseForm(response).oauth_problem, "signature_invalid");
    const log = lines.join("");
    assert.match(log, /signature_invalid/);
    assert.doesNotMatch(log, /"level":50/, "no error-level line");
    assert.doesNotMatch(log, new RegExp(consumer.secret));
    assert.doesNotMatch(log, /oauth_signature=[^&"]*[A-Za-z0-9%]{10}/, "the signature in the URL is masked");
  });
});
