// Revocation (RFC 7009), introspection (RFC 7662), metadata (RFC 8414), JWKS and key rotation,
// rate limits at the token endpoint (proxies: oauth2-hardening.test.ts), through real requests on both databases.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { buildApp } from "../../src/app.ts";
import { BearerTokenError, verifyBearerToken } from "../../src/http/bearer.ts";
import { runCli } from "../../src/main.ts";
import { removeApplication, rotateApplicationSecrets } from "../../src/services/applications.ts";
import { createSecretBox } from "../../src/security/secret-box.ts";
import { createTestClient, testDeps, withTestApp } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { basic, obtainCode, postToken } from "../helpers/oauth2-flow.ts";
import { loggedInPageClient } from "../helpers/pages.ts";
import { useTestApp, useTestDatabase } from "../helpers/suite.ts";

const targets = await databaseTargets();

for (const target of targets) {
  describe(`OAuth 2 revocation, introspection and discovery on ${target.dialect}`, { skip: target.skip }, () => {
    const t = useTestApp(target);

    async function userTokens() {
      const { client, secrets } = await createTestClient(t.deps);
      const { page } = await loggedInPageClient(t);
      const auth = { authorization: basic(client.id, secrets?.clientSecret ?? "") };
      const code = await obtainCode(page, { client_id: client.id, scope: "profile" });
      const tokens = (await postToken(t.app, { grant_type: "authorization_code", code }, auth)).json();
      return { client, auth, tokens };
    }
    const post = (url: string, fields: Record<string, string>, headers: Record<string, string>) =>
      t.app.inject({ method: "POST", url, payload: new URLSearchParams(fields).toString(), headers: { "content-type": "application/x-www-form-urlencoded", ...headers } });

    it("introspection says active with the claims, then inactive after revocation (access and refresh)", async () => {
      const { client, auth, tokens } = await userTokens();
      const active = await post("/oauth2/introspect", { token: tokens.access_token }, auth);
      assert.equal(active.statusCode, 200);
      assert.equal(active.json().active, true);
      assert.equal(active.json().client_id, client.id);
      assert.equal(active.json().scope, "profile");
      assert.equal((await post("/oauth2/introspect", { token: tokens.refresh_token }, auth)).json().token_type, "refresh_token");

      const revokeAccess = await post("/oauth2/revoke", { token: tokens.access_token, token_type_hint: "access_token" }, auth);
      assert.equal(revokeAccess.statusCode, 200);
      assert.deepEqual((await post("/oauth2/introspect", { token: tokens.access_token }, auth)).json(), { active: false });
      assert.equal((await post("/oauth2/introspect", { token: tokens.refresh_token }, auth)).json().active, true, "revoking an access token leaves the grant");

      assert.equal((await post("/oauth2/revoke", { token: tokens.refresh_token }, auth)).statusCode, 200);
      assert.deepEqual((await post("/oauth2/introspect", { token: tokens.refresh_token }, auth)).json(), { active: false });
      const refresh = await postToken(t.app, { grant_type: "refresh_token", refresh_token: tokens.refresh_token }, auth);
      assert.equal(refresh.json().error, "invalid_grant");
    });

    it("revoking an unknown token or another client's token answers 200 and changes nothing", async () => {
      const { auth: ownerAuth, tokens } = await userTokens();
      const other = await createTestClient(t.deps);
      const otherAuth = { authorization: basic(other.client.id, other.secrets?.clientSecret ?? "") };
      assert.equal((await post("/oauth2/revoke", { token: "nonsense" }, otherAuth)).statusCode, 200);
      assert.equal((await post("/oauth2/revoke", { token: tokens.refresh_token }, otherAuth)).statusCode, 200);
      assert.equal((await post("/oauth2/introspect", { token: tokens.refresh_token }, ownerAuth)).json().active, true);
      assert.equal((await post("/oauth2/revoke", {}, otherAuth)).json().error, "invalid_request");
      assert.equal((await post("/oauth2/revoke", { token: "x" }, { authorization: basic(other.client.id, "wrong") })).statusCode, 401);
    });

    it("rotating an app's secret keeps users' grants; deleting the app ends them", async () => {
      const { client, tokens } = await userTokens();
      const rotated = await rotateApplicationSecrets(t.deps.db, t.deps.box, client.id, t.deps.now());
      const auth = { authorization: basic(client.id, rotated?.clientSecret ?? "") };
      const refreshed = await postToken(t.app, { grant_type: "refresh_token", refresh_token: tokens.refresh_token }, auth);
      assert.equal(refreshed.statusCode, 200, "the refresh token outlives the rotation (with the new secret)");
      await verifyBearerToken(tokens.access_token, t.deps);
      await removeApplication(t.deps.db, client.id);
      await assert.rejects(verifyBearerToken(refreshed.json().access_token, t.deps), (e: unknown) => e instanceof BearerTokenError && e.code === "invalid_token");
      assert.equal((await postToken(t.app, { grant_type: "refresh_token", refresh_token: tokens.refresh_token }, auth)).statusCode, 401);
    });

    it("only applications allowed to introspect may", async () => {
      const { client, secrets } = await createTestClient(t.deps, { mayIntrospect: false });
      const response = await post("/oauth2/introspect", { token: "x" }, { authorization: basic(client.id, secrets?.clientSecret ?? "") });
      assert.equal(response.statusCode, 403);
      assert.equal(response.json().error, "unauthorized_client");
    });

    it("metadata advertises every endpoint, and the JWKS serves the signing key", async () => {
      const metadata = (await t.app.inject({ url: "/.well-known/oauth-authorization-server" })).json();
      assert.equal(metadata.issuer, "http://localhost:8080");
      for (const name of ["authorization_endpoint", "token_endpoint", "revocation_endpoint", "introspection_endpoint", "jwks_uri"]) {
        assert.match(metadata[name], /^http:\/\/localhost:8080\//);
      }
      assert.deepEqual(metadata.code_challenge_methods_supported, ["S256"]);
      const jwks = (await t.app.inject({ url: "/.well-known/jwks.json" })).json();
      assert.ok(jwks.keys.length >= 1);
      for (const key of jwks.keys) {
        assert.equal(key.kty, "RSA");
        assert.equal(key.d, undefined, "never a private part");
      }
    });

    it("a GET to the token endpoint is an RFC 6749 error, not a page", async () => {
      const response = await t.app.inject({ method: "GET", url: "/oauth2/token" });
      assert.equal(response.statusCode, 405);
      assert.equal(response.json().error, "invalid_request");
    });
  });

  describe(`OAuth 2 token endpoint limits on ${target.dialect}`, { skip: target.skip }, () => {
    const database = useTestDatabase(target);

    it("too many token requests from one client are answered 429 temporarily_unavailable", async () => {
      await withTestApp(database, { env: { FITGATE_TOKEN_RATE_LIMIT_PER_CLIENT: "3" } }, async (t) => {
        const { client, secrets } = await createTestClient(t.deps);
        const auth = { authorization: basic(client.id, secrets?.clientSecret ?? "") };
        const statuses = [];
        for (let i = 0; i < 5; i += 1) statuses.push((await postToken(t.app, { grant_type: "client_credentials" }, auth)).statusCode);
        assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
        const refused = await postToken(t.app, { grant_type: "client_credentials" }, auth);
        assert.equal(refused.json().error, "temporarily_unavailable");
        assert.equal(refused.headers["retry-after"], "60");
      });
    });

    it("token requests from addresses of one IPv6 /64 count as one requester", async () => {
      await withTestApp(database, { env: { FITGATE_TOKEN_RATE_LIMIT_PER_ADDRESS: "2" } }, async (t) => {
        const { client, secrets } = await createTestClient(t.deps);
        const statuses = [];
        for (let i = 1; i <= 3; i += 1) {
          const response = await t.app.inject({
            method: "POST", url: "/oauth2/token", remoteAddress: `2001:db8:1:2::${i}`,
            headers: { "content-type": "application/x-www-form-urlencoded", authorization: basic(client.id, secrets?.clientSecret ?? "") },
            payload: "grant_type=client_credentials",
          });
          statuses.push(response.statusCode);
        }
        assert.deepEqual(statuses, [200, 200, 429]);
      });
    });
  });
}

describe("fitgate keys rotate", () => {
  it("adds a signing key; tokens of the old key keep verifying and both keys are published", async () => {
    const [sqlite] = await databaseTargets();
    const database = await sqlite!.open();
    const masterKey = randomBytes(32).toString("base64");
    const app = await buildApp({ ...testDeps(database), box: createSecretBox([masterKey]) }, { logger: false });
    try {
      const { client, secrets } = await createTestClient({ ...testDeps(database), box: createSecretBox([masterKey]) });
      const auth = { authorization: basic(client.id, secrets?.clientSecret ?? "") };
      const before = (await postToken(app, { grant_type: "client_credentials" }, auth)).json().access_token;
      const output: string[] = [];
      const code = await runCli(["keys", "rotate", "--json"], { out: (s) => output.push(s), err: () => {}, readStdin: async () => "" },
        { FITGATE_DATABASE_URL: database.url, FITGATE_MASTER_KEY: masterKey });
      assert.equal(code, 0);
      const rotated = JSON.parse(output[0] ?? "{}");
      assert.equal(rotated.previous_kids.length, 1);
      // a node started after the rotation signs with the new key and publishes both
      const newNode = await buildApp({ ...testDeps(database), db: database.connectAgain().db, box: createSecretBox([masterKey]) }, { logger: false });
      const kids = (await newNode.inject({ url: "/.well-known/jwks.json" })).json().keys.map((k: { kid: string }) => k.kid);
      assert.deepEqual(kids, [rotated.kid, ...rotated.previous_kids]);
      const after = (await postToken(newNode, { grant_type: "client_credentials" }, auth)).json().access_token;
      assert.equal(JSON.parse(Buffer.from(after.split(".")[0], "base64url").toString()).kid, rotated.kid);
      await newNode.close();
      const introspect = (token: string) => app.inject({ method: "POST", url: "/oauth2/introspect", payload: `token=${token}`, headers: { ...auth, "content-type": "application/x-www-form-urlencoded" } });
      assert.equal((await introspect(before)).json().active, true, "the old key's token still verifies");
      await new Promise((resolve) => setTimeout(resolve, 1100));
      assert.equal((await introspect(after)).json().active, true, "the node that did not rotate learns the new key");
    } finally {
      await app.close();
      await database.close();
    }
  });
});
