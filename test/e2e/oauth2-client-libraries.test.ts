// fitgate against the client libraries third-party developers use, over a real socket:
// openid-client (RFC 8414 discovery, code + PKCE with Basic auth — ids form-encoded —, RFC 9207
// iss check, refresh, revocation, introspection) and simple-oauth2 (client credentials).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as oidc from "openid-client";
import { ClientCredentials } from "simple-oauth2";
import { verifyBearerToken } from "../../src/http/bearer.ts";
import { createTestClient } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { authorizeThroughConsent, REDIRECT_URI } from "../helpers/oauth2-flow.ts";
import { loggedInPageClient } from "../helpers/pages.ts";
import { useTestServer } from "../helpers/suite.ts";

const targets = await databaseTargets();

for (const target of targets) {
  describe(`OAuth 2 client libraries against fitgate on ${target.dialect}`, { skip: target.skip }, () => {
    const server = useTestServer(target);

    it("openid-client: discovery, code + PKCE, refresh, introspection and revocation", async () => {
      const { client, secrets } = await createTestClient(server.deps, { refreshRotation: true });
      const config = await oidc.discovery(new URL(server.url), client.id, undefined, oidc.ClientSecretBasic(secrets?.clientSecret ?? ""), {
        algorithm: "oauth2", execute: [oidc.allowInsecureRequests],
      });
      assert.equal(config.serverMetadata().token_endpoint, `${server.url}/oauth2/token`);

      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT_URI, scope: "profile diary:read", state,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256",
      });
      const { page } = await loggedInPageClient(server);
      const callback = await authorizeThroughConsent(page, url.pathname + url.search);
      const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
      assert.equal(tokens.token_type.toLowerCase(), "bearer");
      assert.equal(tokens.scope, "profile diary:read");
      assert.ok(tokens.refresh_token);
      const caller = await verifyBearerToken(tokens.access_token, server.deps);
      assert.deepEqual(caller.scopes, ["profile", "diary:read"]);

      const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token, { scope: "profile" });
      assert.equal(refreshed.scope, "profile");
      assert.notEqual(refreshed.refresh_token, tokens.refresh_token, "rotation is on for this client");
      await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token), (e: unknown) => e instanceof oidc.ResponseBodyError && e.error === "invalid_grant");

      const second = await secondGrant(config, page);
      assert.equal((await oidc.tokenIntrospection(config, second.access_token)).active, true);
      await oidc.tokenRevocation(config, second.refresh_token ?? "", { token_type_hint: "refresh_token" });
      assert.equal((await oidc.tokenIntrospection(config, second.refresh_token ?? "")).active, false);
      assert.equal((await oidc.tokenIntrospection(config, second.access_token)).active, false, "revoking the refresh token ends the grant");
    });

    it("openid-client sees the error redirect when the user denies", async () => {
      const { client, secrets } = await createTestClient(server.deps);
      const config = await oidc.discovery(new URL(server.url), client.id, secrets?.clientSecret, undefined, { algorithm: "oauth2", execute: [oidc.allowInsecureRequests] });
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: "profile", state });
      const { page } = await loggedInPageClient(server);
      const callback = await authorizeThroughConsent(page, url.pathname + url.search, "deny");
      await assert.rejects(oidc.authorizationCodeGrant(config, callback, { expectedState: state }),
        (e: unknown) => e instanceof oidc.AuthorizationResponseError && e.error === "access_denied");
    });

    it("simple-oauth2: client credentials with HTTP Basic, as FatSecret's document shows", async () => {
      const { client, secrets } = await createTestClient(server.deps, { scopes: ["basic", "premier", "barcode"] });
      const library = new ClientCredentials({
        client: { id: client.id, secret: secrets?.clientSecret ?? "" },
        auth: { tokenHost: server.url, tokenPath: "/oauth2/token" },
        options: { authorizationMethod: "header" },
      });
      const token = await library.getToken({ scope: "basic barcode" });
      assert.equal(token.token.expires_in, 86400);
      assert.equal(token.token.scope, "basic barcode");
      const caller = await verifyBearerToken(String(token.token.access_token), server.deps);
      assert.equal(caller.clientId, client.id);
      assert.equal(caller.userId, null);
      const bodyAuth = new ClientCredentials({
        client: { id: client.id, secret: "wrong" },
        auth: { tokenHost: server.url, tokenPath: "/oauth2/token" },
        options: { authorizationMethod: "body" },
      });
      await assert.rejects(bodyAuth.getToken({}), (e: { output?: { statusCode: number } }) => e.output?.statusCode === 401);
    });
  });
}

async function secondGrant(config: oidc.Configuration, page: Awaited<ReturnType<typeof loggedInPageClient>>["page"]) {
  const verifier = oidc.randomPKCECodeVerifier();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI, scope: "profile", code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256",
  });
  const callback = await authorizeThroughConsent(page, url.pathname + url.search);
  return oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier });
}
