import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { freePort, withTestApp } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
// the shared probe: with FITGATE_TEST_REQUIRE_REDIS=1 (CI) a missing Redis fails instead of skipping
import { REDIS_URL, redisSkipReason } from "../helpers/services.ts";
import { authorizedRequestToken, createConsumer, exchange, parseForm, signedRequest, threeLeggedDance } from "./oauth1-helpers.ts";
import { useTestDatabase } from "../helpers/suite.ts";

const targets = await databaseTargets();
const redisSkip = await redisSkipReason();
for (const target of targets) {
  describe(`OAuth 1.0a token lifetimes and replay rules on ${target.dialect}`, { skip: target.skip }, () => {
    const database = useTestDatabase(target);

    it("lets a request token expire after FITGATE_REQUEST_TOKEN_TTL_SECONDS", async () => {
      let clock = Date.now();
      await withTestApp(database, { now: () => new Date(clock), env: { FITGATE_REQUEST_TOKEN_TTL_SECONDS: "60" } }, async (testApp) => {
        const consumer = await createConsumer(testApp);
        const { requestToken, verifier, pages } = await authorizedRequestToken(testApp, consumer);
        clock += 61_000;
        const late = await testApp.app.inject(signedRequest({
          consumer, token: requestToken, path: "/oauth/access_token", oauth: { oauth_verifier: verifier }, timestampSeconds: Math.floor(clock / 1000),
        }));
        assert.equal(late.statusCode, 401);
        assert.equal(parseForm(late).oauth_problem, "token_rejected");
        assert.match(parseForm(late).oauth_problem_advice ?? "", /expired/);
        const page = await pages.get(`/oauth/authorize?oauth_token=${requestToken.key}`);
        assert.equal(page.statusCode, 400);
      });
    });

    it("exchanges one request token once when many exchanges race", async () => {
      await withTestApp(database, {}, async (testApp) => {
        const consumer = await createConsumer(testApp);
        const { requestToken, verifier } = await authorizedRequestToken(testApp, consumer);
        const responses = await Promise.all(Array.from({ length: 8 }, () => exchange(testApp.app, consumer, requestToken, verifier)));
        assert.deepEqual(responses.map((r) => r.statusCode).sort(), [200, 401, 401, 401, 401, 401, 401, 401]);
      });
    });

    it("accepts a nonce once when the same signed request races", async () => {
      await withTestApp(database, {}, async (testApp) => {
        const consumer = await createConsumer(testApp);
        const request = signedRequest({ consumer, path: "/oauth/request_token", oauth: { oauth_callback: "oob" } });
        const responses = await Promise.all(Array.from({ length: 8 }, () => testApp.app.inject(request)));
        assert.equal(responses.filter((r) => r.statusCode === 200).length, 1);
        assert.ok(responses.filter((r) => r.statusCode !== 200).every((r) => parseForm(r).oauth_problem === "nonce_used"));
      });
    });

    it("refuses timestamps that go backwards in strict mode, and allows them otherwise", async () => {
      await withTestApp(database, { env: { FITGATE_OAUTH1_STRICT_TIMESTAMPS: "true" } }, async (strict) => {
        const consumer = await createConsumer(strict);
        const now = Math.floor(Date.now() / 1000);
        const at = (timestampSeconds: number) => strict.app.inject(signedRequest({ consumer, path: "/oauth/request_token", oauth: { oauth_callback: "oob" }, timestampSeconds }));
        assert.equal((await at(now)).statusCode, 200);
        assert.equal((await at(now)).statusCode, 200, "the same second again is fine");
        const backwards = await at(now - 5);
        assert.equal(backwards.statusCode, 401);
        assert.equal(parseForm(backwards).oauth_problem, "timestamp_refused");
        assert.equal((await at(now + 1)).statusCode, 200);
      });
      await withTestApp(database, {}, async (lenient) => {
        const consumer = await createConsumer(lenient);
        const now = Math.floor(Date.now() / 1000);
        for (const timestampSeconds of [now, now - 5]) {
          const response = await lenient.app.inject(signedRequest({ consumer, path: "/oauth/request_token", oauth: { oauth_callback: "oob" }, timestampSeconds }));
          assert.equal(response.statusCode, 200);
        }
      });
    });

    it("lets the application revoke its access token with a signed POST /oauth/revoke", async () => {
      await withTestApp(database, {}, async (testApp) => {
        const { consumer, accessToken } = await threeLeggedDance(testApp);
        const revoke = () => testApp.app.inject(signedRequest({ consumer, token: accessToken, path: "/oauth/revoke" }));
        assert.equal((await revoke()).statusCode, 200);
        const again = await revoke();
        assert.equal(again.statusCode, 401);
        assert.equal(parseForm(again).oauth_problem, "token_rejected");
      });
    });

    it("hides the base string in production mode and accepts PLAINTEXT only over https", async () => {
      // the proxy in front of fitgate (app.inject comes from 127.0.0.1) terminates TLS
      await withTestApp(database, { env: { NODE_ENV: "production", FITGATE_ISSUER: "https://fitgate.example", FITGATE_TRUST_PROXY: "127.0.0.1" } }, async (testApp) => {
        const consumer = await createConsumer(testApp);
        const plaintext = (forwardedProto: string | null) => {
          const request = signedRequest({
            consumer, path: "/oauth/request_token", oauth: { oauth_callback: "oob" }, signatureMethod: "PLAINTEXT", signedUrl: "https://fitgate.example/oauth/request_token",
          });
          return testApp.app.inject({ ...request, headers: { ...request.headers, ...(forwardedProto === null ? {} : { "x-forwarded-proto": forwardedProto }) } });
        };
        const overTls = await plaintext("https");
        assert.equal(overTls.statusCode, 200, overTls.body);
        // an https issuer is not enough: the same server may answer plain http too
        assert.equal(parseForm(await plaintext("http")).oauth_problem, "signature_method_rejected");
        assert.equal(parseForm(await plaintext(null)).oauth_problem, "signature_method_rejected");
        const bad = await testApp.app.inject(signedRequest({ consumer: { ...consumer, secret: "x" }, path: "/oauth/request_token", oauth: { oauth_callback: "oob" }, signedUrl: "https://fitgate.example/oauth/request_token" }));
        assert.equal(parseForm(bad).oauth_problem, "signature_invalid");
        assert.equal(parseForm(bad).debug_sbs, undefined);
        assert.equal(bad.headers["www-authenticate"], 'OAuth realm="https://fitgate.example"');
      });
    });

    it("refuses PLAINTEXT when X-Forwarded-Proto comes from a peer that is not a trusted proxy", async () => {
      await withTestApp(database, { env: { FITGATE_ISSUER: "https://fitgate.example" } }, async (testApp) => {
        const consumer = await createConsumer(testApp);
        const request = signedRequest({
          consumer, path: "/oauth/request_token", oauth: { oauth_callback: "oob" }, signatureMethod: "PLAINTEXT", signedUrl: "https://fitgate.example/oauth/request_token",
        });
        const spoofed = await testApp.app.inject({ ...request, headers: { ...request.headers, "x-forwarded-proto": "https" } });
        assert.equal(spoofed.statusCode, 400, spoofed.body);
        assert.equal(parseForm(spoofed).oauth_problem, "signature_method_rejected");
      });
    });

    it("refuses signed requests with 503 while Redis is unreachable, rather than skipping the replay check", async () => {
      await withTestApp(database, { env: { FITGATE_REDIS_URL: `redis://127.0.0.1:${await freePort()}` } }, async (testApp) => {
        const consumer = await createConsumer(testApp);
        const response = await testApp.app.inject(signedRequest({ consumer, path: "/oauth/request_token", oauth: { oauth_callback: "oob" } }));
        assert.equal(response.statusCode, 503);
        assert.equal(parseForm(response).oauth_problem, "server_error");
      });
    });

    it("keeps nonces in Redis when FITGATE_REDIS_URL is set, so a replay is refused", { skip: redisSkip }, async () => {
      await withTestApp(database, { env: { FITGATE_REDIS_URL: REDIS_URL } }, async (testApp) => {
        const consumer = await createConsumer(testApp);
        const request = signedRequest({ consumer, path: "/oauth/request_token", oauth: { oauth_callback: "oob" } });
        const responses = await Promise.all(Array.from({ length: 4 }, () => testApp.app.inject(request)));
        assert.equal(responses.filter((r) => r.statusCode === 200).length, 1);
        const stored = await testApp.deps.db.selectFrom("oauth1_nonces").selectAll().where("consumer_key", "=", consumer.key).execute();
        assert.equal(stored.length, 0, "the nonce went to Redis, not the database");
      });
    });
  });
}
