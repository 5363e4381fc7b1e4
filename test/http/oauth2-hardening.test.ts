// Defects found in review of the OAuth 2 server, each pinned by a real request: RFC 6749 §3.1
// empty parameters, §5.2 error_description characters, the authorization request's raw query,
// scopes an application lost, clock skew between nodes, X-Forwarded-For ahead of a trusted proxy,
// and no secret in the logs of a whole flow (the consent-page findings are in
// oauth2-authorize.test.ts). On SQLite and PostgreSQL.
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, it } from "node:test";
import { verifyBearerToken } from "../../src/http/bearer.ts";
import { issueAccessToken } from "../../src/http/oauth2-tokens.ts";
import { updateClient } from "../../src/store/kysely/clients.ts";
import { upsertGrant } from "../../src/store/kysely/grants.ts";
import { createTestClient, createTestUser, DEFAULT_TEST_CLIENT } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { authorizeThroughConsent, authorizeUrl, basic, createPkce, obtainCode, postToken, REDIRECT_URI } from "../helpers/oauth2-flow.ts";
import { loggedInPageClient } from "../helpers/pages.ts";
import { useTestApp } from "../helpers/suite.ts";

const targets = await databaseTargets();

/** RFC 6749 §5.2: error_description is limited to %x20-21 / %x23-5B / %x5D-7E */
const ERROR_DESCRIPTION = /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/;

for (const target of targets) {
  describe(`OAuth 2 review fixes on ${target.dialect}`, { skip: target.skip }, () => {
    const t = useTestApp(target);

    it("empty parameters count as omitted (RFC 6749 §3.1): redirect_uri= and code_verifier= do not fail a valid exchange", async () => {
      const { client, secrets } = await createTestClient(t.deps);
      const { page } = await loggedInPageClient(t);
      const code = await obtainCode(page, { client_id: client.id, scope: "profile" });
      const response = await postToken(t.app, { grant_type: "authorization_code", code, redirect_uri: "", code_verifier: "" }, { authorization: basic(client.id, secrets?.clientSecret ?? "") });
      assert.equal(response.statusCode, 200, response.body);
    });

    it("a public client may send an empty secret, as requests-oauthlib's default Basic header does", async () => {
      const { client } = await createTestClient(t.deps, { type: "public" });
      const { page } = await loggedInPageClient(t);
      const pkce = createPkce();
      const code = await obtainCode(page, { client_id: client.id, scope: "profile", code_challenge: pkce.challenge, code_challenge_method: "S256" });
      const tokens = await postToken(t.app, { grant_type: "authorization_code", code, code_verifier: pkce.verifier }, { authorization: basic(client.id, "") });
      assert.equal(tokens.statusCode, 200, tokens.body);
      const refreshed = await postToken(t.app, { grant_type: "refresh_token", refresh_token: tokens.json().refresh_token, client_id: client.id, client_secret: "" });
      assert.equal(refreshed.statusCode, 200, refreshed.body);
      const cc = await postToken(t.app, { grant_type: "client_credentials" }, { authorization: basic(client.id, "") });
      assert.equal(cc.json().error, "unauthorized_client", "an empty secret still gives a public client nothing confidential");
    });

    it("a confidential client with an empty secret is invalid_client", async () => {
      const { client } = await createTestClient(t.deps);
      const response = await postToken(t.app, { grant_type: "client_credentials" }, { authorization: basic(client.id, "") });
      assert.equal(response.statusCode, 401);
      assert.equal(response.json().error, "invalid_client");
    });

    const descriptions: Array<[string, () => Promise<{ statusCode: number; body: string }>]> = [
      ["an unknown grant type with quotes and non-ASCII", async () => {
        const { client, secrets } = await createTestClient(t.deps);
        return postToken(t.app, { grant_type: 'pässwörd"\\\n' }, { authorization: basic(client.id, secrets?.clientSecret ?? "") });
      }],
      ["a repeated parameter with a non-ASCII name", async () => {
        const { client, secrets } = await createTestClient(t.deps);
        return t.app.inject({ method: "POST", url: "/oauth2/token", payload: "grant_type=client_credentials&n%C3%A4me=1&n%C3%A4me=2", headers: { authorization: basic(client.id, secrets?.clientSecret ?? ""), "content-type": "application/x-www-form-urlencoded" } });
      }],
    ];
    for (const [name, request] of descriptions) {
      it(`${name} gets an error_description within RFC 6749 §5.2's characters`, async () => {
        const response = await request();
        assert.ok(response.statusCode >= 400 && response.statusCode < 500, response.body);
        assert.match(JSON.parse(response.body).error_description, ERROR_DESCRIPTION);
      });
    }

    it("an authorization error redirect carries an error_description within RFC 6749 §4.1.2.1's characters", async () => {
      const { client } = await createTestClient(t.deps);
      const { page } = await loggedInPageClient(t);
      const response = await page.get(`${authorizeUrl({ client_id: client.id })}&%C3%BC=1&%C3%BC=2`);
      const location = new URL(String(response.headers.location));
      assert.equal(location.searchParams.get("error"), "invalid_request");
      assert.match(location.searchParams.get("error_description") ?? "", ERROR_DESCRIPTION);
    });

    it("a literal ? inside a query value does not cut the authorization request short", async () => {
      const { client } = await createTestClient(t.deps, { type: "public" });
      const { page } = await loggedInPageClient(t);
      const pkce = createPkce();
      // RFC 3986 §3.4 allows "?" in a query; everything after it belongs to the request
      const url = `/oauth2/authorize?response_type=code&client_id=${client.id}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&state=a?b&code_challenge=${pkce.challenge}&code_challenge_method=S256`;
      const redirect = await authorizeThroughConsent(page, url);
      assert.equal(redirect.searchParams.get("state"), "a?b");
      assert.ok(redirect.searchParams.get("code"), redirect.href);
    });

    it("a refresh does not hand out a scope the application no longer has", async () => {
      const { client, secrets } = await createTestClient(t.deps);
      const auth = { authorization: basic(client.id, secrets?.clientSecret ?? "") };
      const { page } = await loggedInPageClient(t);
      const code = await obtainCode(page, { client_id: client.id, scope: "profile diary:write" });
      const tokens = (await postToken(t.app, { grant_type: "authorization_code", code }, auth)).json();
      await updateClient(t.deps.db, client.id, { ...DEFAULT_TEST_CLIENT, scopes: ["basic", "profile"], defaultScopes: ["profile"] }, t.deps.now());
      const refreshed = await postToken(t.app, { grant_type: "refresh_token", refresh_token: tokens.refresh_token }, auth);
      assert.equal(refreshed.statusCode, 200, refreshed.body);
      assert.equal(refreshed.json().scope, "profile");
    });

    it("a token issued on a node whose clock is slightly ahead verifies on another node at once", async () => {
      const user = await createTestUser(t.deps);
      const { client } = await createTestClient(t.deps);
      const grant = await upsertGrant(t.deps.db, user.id, client.id, ["profile"], t.deps.now());
      // issued at x.100 s on node A; node B's clock is 300 ms behind, so B still reads (x-1).800 s
      const issuedAt = new Date((Math.floor(Date.now() / 1000) + 1) * 1000 + 100);
      const nodeA = { ...t.deps, now: () => issuedAt };
      const nodeB = { ...t.deps, now: () => new Date(issuedAt.getTime() - 300) };
      const issued = await issueAccessToken(nodeA, { subject: user.id, clientId: client.id, scopes: ["profile"], grantId: grant.id, expiresInSeconds: 3600, now: issuedAt });
      const caller = await verifyBearerToken(issued.accessToken, nodeB);
      assert.equal(caller.userId, user.id);
    });

    it("a 405 from a token-family endpoint says which method is allowed", async () => {
      const response = await t.app.inject({ method: "GET", url: "/oauth2/revoke" });
      assert.equal(response.statusCode, 405);
      assert.equal(response.headers.allow, "POST");
    });
  });

  describe(`OAuth 2 CIDR allowlist behind a proxy on ${target.dialect}`, { skip: target.skip }, () => {
    const t = useTestApp(target, { env: { FITGATE_TRUST_PROXY: "127.0.0.1" } });
    /** a new client allowed from 198.51.100.0/24; its client_credentials request as forwarded by the trusted proxy at 127.0.0.1 */
    async function viaProxy() {
      const { client, secrets } = await createTestClient(t.deps, { cidrs: ["198.51.100.0/24"] });
      return (forwardedFor: string) => t.app.inject({
        method: "POST", url: "/oauth2/token", remoteAddress: "127.0.0.1", payload: "grant_type=client_credentials",
        headers: { authorization: basic(client.id, secrets?.clientSecret ?? ""), "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": forwardedFor },
      });
    }

    it("with FITGATE_TRUST_PROXY, X-Forwarded-For from the proxy decides the CIDR check", async () => {
      const request = await viaProxy();
      assert.equal((await request("198.51.100.7")).statusCode, 200);
      assert.equal((await request("203.0.113.9")).statusCode, 401);
    });

    it("an address the client wrote into X-Forwarded-For ahead of the proxy's own entry does not pass the allowlist", async () => {
      const request = await viaProxy();
      // the proxy appends the address it saw; only the entries from trusted hops count, read from the right
      const spoofed = await request("198.51.100.7, 203.0.113.9");
      assert.equal(spoofed.statusCode, 401, spoofed.body);
      assert.equal(spoofed.json().error, "invalid_client");
      assert.equal((await request("203.0.113.9, 198.51.100.7")).statusCode, 200);
    });
  });

  describe(`OAuth 2 logs on ${target.dialect}`, { skip: target.skip }, () => {
    const lines: string[] = [];
    const logStream = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done(); } });
    const t = useTestApp(target, { logStream, env: { FITGATE_LOG_LEVEL: "trace" } });
    it("a whole flow at trace level writes no secret, code or token to the logs", async () => {
      const { client, secrets } = await createTestClient(t.deps);
      const secret = secrets?.clientSecret ?? "";
      const { page } = await loggedInPageClient(t);
      const pkce = createPkce();
      const code = await obtainCode(page, { client_id: client.id, scope: "profile", code_challenge: pkce.challenge, code_challenge_method: "S256" });
      const tokens = (await postToken(t.app, { grant_type: "authorization_code", code, code_verifier: pkce.verifier, client_id: client.id, client_secret: secret }, { "api-key": client.id })).json();
      await postToken(t.app, { grant_type: "authorization_code", code, code_verifier: pkce.verifier }, { authorization: basic(client.id, secret) });
      await postToken(t.app, { grant_type: "refresh_token", refresh_token: tokens.refresh_token }, { authorization: basic(client.id, `${secret}x`) });
      await postToken(t.app, { grant_type: "refresh_token", refresh_token: `${tokens.refresh_token}x` }, { authorization: basic(client.id, secret) });
      await t.app.inject({ method: "POST", url: "/oauth2/introspect", payload: `token=${tokens.access_token}`, headers: { authorization: basic(client.id, secret), "content-type": "application/x-www-form-urlencoded" } });
      await t.app.inject({ method: "GET", url: "/api/v1/profile", headers: { authorization: `Bearer ${tokens.access_token}x` } });
      const log = lines.join("");
      assert.ok(log.length > 0, "the flow was logged");
      for (const value of [secret, code, pkce.verifier, tokens.refresh_token, tokens.access_token, tokens.access_token.split(".")[2]]) {
        assert.equal(log.includes(value), false, `a log line carries ${value.slice(0, 8)}…`);
      }
    });
  });
}
