// POST /oauth2/token through app.inject: the seeds' requests, and every refusal of RFC 6749 §5.2
// as a real request with its exact status and body (none a 500), on both databases.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BearerTokenError, verifyBearerToken } from "../../src/http/bearer.ts";
import { findGrantById } from "../../src/store/kysely/grants.ts";
import { createTestClient } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { basic, createPkce, obtainCode, postToken, REDIRECT_URI } from "../helpers/oauth2-flow.ts";
import { loggedInPageClient } from "../helpers/pages.ts";
import { useTestApp } from "../helpers/suite.ts";

const targets = await databaseTargets();

for (const target of targets) {
  describe(`OAuth 2 token endpoint on ${target.dialect}`, { skip: target.skip }, () => {
    let clock = Date.now();
    const t = useTestApp(target, { now: () => new Date(clock) });

    async function setUp(overrides = {}) {
      const { client, secrets } = await createTestClient(t.deps, overrides);
      const { user, page } = await loggedInPageClient(t);
      const pkce = createPkce();
      const code = await obtainCode(page, { client_id: client.id, scope: "profile diary:read", code_challenge: pkce.challenge, code_challenge_method: "S256" });
      const secret = secrets?.clientSecret ?? "";
      return { client, secret, user, page, pkce, code, auth: { authorization: basic(client.id, secret) } };
    }

    function assertError(response: Awaited<ReturnType<typeof postToken>>, status: number, error: string) {
      assert.equal(response.statusCode, status, response.body);
      assert.equal(response.json().error, error);
      assert.equal(typeof response.json().error_description, "string");
      assert.equal(response.headers["cache-control"], "no-store");
      assert.equal(response.headers.pragma, "no-cache");
      if (status === 401) assert.match(String(response.headers["www-authenticate"]), /^Basic realm="fitgate"/);
    }

    it("the MapMyFitness request (body credentials, Api-Key header, no redirect_uri) gets tokens and user_id", async () => {
      const { client, secret, user, pkce, code } = await setUp();
      const response = await postToken(t.app, { code, client_secret: secret, grant_type: "authorization_code", client_id: client.id, code_verifier: pkce.verifier }, { "api-key": client.id });
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json();
      assert.deepEqual(Object.keys(body).sort(), ["access_token", "expires_in", "refresh_token", "scope", "token_type", "user_id"]);
      assert.equal(body.token_type, "Bearer");
      assert.equal(body.expires_in, 3600);
      assert.equal(body.scope, "profile diary:read");
      assert.equal(body.user_id, user.id);
      assert.equal(response.headers["cache-control"], "no-store");
      const [header, payload] = body.access_token.split(".").slice(0, 2).map((p: string) => JSON.parse(Buffer.from(p, "base64url").toString()));
      assert.equal(header.typ, "at+jwt");
      assert.equal(header.alg, "RS256");
      assert.deepEqual(Object.keys(payload).sort(), ["aud", "client_id", "exp", "grant_id", "iat", "iss", "jti", "nbf", "scope", "sub"]);
    });

    it("the FatSecret request (Basic, client_credentials, scope basic) gets a one-day JWT", async () => {
      const { client, secrets } = await createTestClient(t.deps, { scopes: ["basic", "premier", "profile"] });
      const response = await postToken(t.app, { grant_type: "client_credentials", scope: "basic" }, { authorization: basic(client.id, secrets?.clientSecret ?? "") });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().expires_in, 86400);
      assert.equal(response.json().refresh_token, undefined);
      const all = await postToken(t.app, { grant_type: "client_credentials" }, { authorization: basic(client.id, secrets?.clientSecret ?? "") });
      assert.equal(all.json().scope, "basic premier", "no scope: every client scope it may have, never a user scope");
    });

    const refusals: Array<[string, (s: Awaited<ReturnType<typeof setUp>>) => Promise<Awaited<ReturnType<typeof postToken>>>, number, string]> = [
      ["a redirect_uri other than the authorization request's", (s) => postToken(t.app, { grant_type: "authorization_code", code: s.code, code_verifier: s.pkce.verifier, redirect_uri: "http://localhost:12345/other" }, s.auth), 400, "invalid_grant"],
      ["a missing PKCE verifier", (s) => postToken(t.app, { grant_type: "authorization_code", code: s.code }, s.auth), 400, "invalid_grant"],
      ["a wrong PKCE verifier", (s) => postToken(t.app, { grant_type: "authorization_code", code: s.code, code_verifier: createPkce().verifier }, s.auth), 400, "invalid_grant"],
      ["a wrong client secret", (s) => postToken(t.app, { grant_type: "authorization_code", code: s.code, code_verifier: s.pkce.verifier }, { authorization: basic(s.client.id, "wrong") }), 401, "invalid_client"],
      ["an unknown client", (s) => postToken(t.app, { grant_type: "authorization_code", code: s.code, client_id: "nobody", client_secret: "x" }), 401, "invalid_client"],
      ["no client authentication", (s) => postToken(t.app, { grant_type: "authorization_code", code: s.code }), 401, "invalid_client"],
      ["an Api-Key header naming another client", (s) => postToken(t.app, { grant_type: "authorization_code", code: s.code, code_verifier: s.pkce.verifier }, { ...s.auth, "api-key": "someone-else" }), 401, "invalid_client"],
      ["Basic and client_secret together", (s) => postToken(t.app, { grant_type: "authorization_code", code: s.code, client_secret: s.secret }, s.auth), 400, "invalid_request"],
      ["an unknown grant type", (s) => postToken(t.app, { grant_type: "password", username: "a", password: "b" }, s.auth), 400, "unsupported_grant_type"],
      ["a missing grant type", (s) => postToken(t.app, { code: s.code }, s.auth), 400, "invalid_request"],
      ["a code of another client", async (s) => {
        const other = await createTestClient(t.deps);
        return postToken(t.app, { grant_type: "authorization_code", code: s.code, code_verifier: s.pkce.verifier }, { authorization: basic(other.client.id, other.secrets?.clientSecret ?? "") });
      }, 400, "invalid_grant"],
      ["a made-up code", (s) => postToken(t.app, { grant_type: "authorization_code", code: "made-up", code_verifier: s.pkce.verifier }, s.auth), 400, "invalid_grant"],
      ["duplicated parameters", (s) => t.app.inject({ method: "POST", url: "/oauth2/token", headers: { ...s.auth, "content-type": "application/x-www-form-urlencoded" }, payload: `grant_type=authorization_code&code=${s.code}&code=${s.code}` }), 400, "invalid_request"],
      ["JSON instead of a form", (s) => t.app.inject({ method: "POST", url: "/oauth2/token", headers: s.auth, payload: { grant_type: "authorization_code", code: s.code } }), 400, "invalid_request"],
      ["malformed JSON", (s) => t.app.inject({ method: "POST", url: "/oauth2/token", headers: { ...s.auth, "content-type": "application/json" }, payload: "{" }), 400, "invalid_request"],
      ["plain text", (s) => t.app.inject({ method: "POST", url: "/oauth2/token", headers: { ...s.auth, "content-type": "text/plain" }, payload: "grant_type=x" }), 400, "invalid_request"],
      ["a client_id with a NUL byte", (s) => postToken(t.app, { grant_type: "client_credentials", client_id: "a\u0000b", client_secret: s.secret }), 401, "invalid_client"],
      ["a malformed Basic header", (s) => postToken(t.app, { grant_type: "client_credentials" }, { authorization: "Basic !!!" }), 401, "invalid_client"],
    ];
    for (const [name, request, status, error] of refusals) {
      it(`${name} is refused with ${status} ${error}`, async () => {
        const s = await setUp();
        assertError(await request(s), status, error);
      });
    }

    it("a replayed code fails and revokes what it issued", async () => {
      const s = await setUp();
      const first = await postToken(t.app, { grant_type: "authorization_code", code: s.code, code_verifier: s.pkce.verifier, redirect_uri: REDIRECT_URI }, s.auth);
      assert.equal(first.statusCode, 200);
      assertError(await postToken(t.app, { grant_type: "authorization_code", code: s.code, code_verifier: s.pkce.verifier }, s.auth), 400, "invalid_grant");
      assertError(await postToken(t.app, { grant_type: "refresh_token", refresh_token: first.json().refresh_token }, s.auth), 400, "invalid_grant");
      const grantId = JSON.parse(Buffer.from(first.json().access_token.split(".")[1], "base64url").toString()).grant_id;
      assert.ok((await findGrantById(t.deps.db, grantId))?.revokedAt);
      await assert.rejects(verifyBearerToken(first.json().access_token, t.deps), (e: unknown) => e instanceof BearerTokenError && e.code === "invalid_token");
    });

    it("an expired code fails", async () => {
      const s = await setUp();
      clock += (t.deps.config.authorizationCodeTtlSeconds + 1) * 1000;
      assertError(await postToken(t.app, { grant_type: "authorization_code", code: s.code, code_verifier: s.pkce.verifier }, s.auth), 400, "invalid_grant");
    });

    it("refresh narrows scope but never widens it, and fails after the grant is revoked", async () => {
      const s = await setUp();
      const tokens = (await postToken(t.app, { grant_type: "authorization_code", code: s.code, code_verifier: s.pkce.verifier }, s.auth)).json();
      assertError(await postToken(t.app, { grant_type: "refresh_token", refresh_token: tokens.refresh_token, scope: "profile weight:read" }, s.auth), 400, "invalid_scope");
      const narrower = await postToken(t.app, { grant_type: "refresh_token", refresh_token: tokens.refresh_token, scope: "profile" }, s.auth);
      assert.equal(narrower.json().scope, "profile");
      const revoke = await s.page.submit("/account/apps", `/account/apps/${JSON.parse(Buffer.from(tokens.access_token.split(".")[1], "base64url").toString()).grant_id}/revoke`, {});
      assert.equal(revoke.statusCode, 303);
      assertError(await postToken(t.app, { grant_type: "refresh_token", refresh_token: tokens.refresh_token }, s.auth), 400, "invalid_grant");
    });

    it("a public client's refresh token rotates, and reuse of a rotated one revokes the grant", async () => {
      const s = await setUp({ type: "public" });
      const tokens = (await postToken(t.app, { grant_type: "authorization_code", code: s.code, code_verifier: s.pkce.verifier, client_id: s.client.id })).json();
      const next = await postToken(t.app, { grant_type: "refresh_token", refresh_token: tokens.refresh_token, client_id: s.client.id });
      assert.equal(next.statusCode, 200, next.body);
      assert.notEqual(next.json().refresh_token, tokens.refresh_token);
      assertError(await postToken(t.app, { grant_type: "refresh_token", refresh_token: tokens.refresh_token, client_id: s.client.id }), 400, "invalid_grant");
      assertError(await postToken(t.app, { grant_type: "refresh_token", refresh_token: next.json().refresh_token, client_id: s.client.id }), 400, "invalid_grant");
    });

    it("client credentials: public clients, user scopes and addresses outside the allowlist are refused", async () => {
      const pub = await createTestClient(t.deps, { type: "public" });
      assertError(await postToken(t.app, { grant_type: "client_credentials", client_id: pub.client.id }), 400, "unauthorized_client");
      const { client, secrets } = await createTestClient(t.deps, { cidrs: ["10.0.0.0/8"] });
      const auth = { authorization: basic(client.id, secrets?.clientSecret ?? "") };
      assertError(await postToken(t.app, { grant_type: "client_credentials" }, auth), 401, "invalid_client");
      const fromInside = (payload: string) => t.app.inject({ method: "POST", url: "/oauth2/token", remoteAddress: "10.1.2.3", headers: { ...auth, "content-type": "application/x-www-form-urlencoded" }, payload });
      const inside = await fromInside("grant_type=client_credentials");
      assert.equal(inside.statusCode, 200, inside.body);
      assertError(await fromInside("grant_type=client_credentials&scope=profile"), 400, "invalid_scope");
      const spoofed = await t.app.inject({ method: "POST", url: "/oauth2/token", headers: { ...auth, "x-forwarded-for": "10.1.2.3", "content-type": "application/x-www-form-urlencoded" }, payload: "grant_type=client_credentials" });
      assertError(spoofed, 401, "invalid_client");
    });
  });
}
