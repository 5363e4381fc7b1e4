// The SDK's OAuth 2 flows against a real fitgate on a socket, on both databases: discovery,
// authorization code + PKCE (Basic, body credentials with MapMyFitness's Api-Key, public client),
// refresh, revocation, client credentials, denial, a 20-call race on an expiring token that
// refreshes once, and a grant the user revoked on /account/apps surfacing as ReauthorizationRequiredError.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AuthorizationResponseError, OAuth2Error, ReauthorizationRequiredError } from "../../sdk/src/errors.ts";
import type { FetchLike } from "../../sdk/src/http.ts";
import { parseAuthorizationResponse } from "../../sdk/src/oauth2/authorization-request.ts";
import { createOAuth2Client, type OAuth2ClientOptions } from "../../sdk/src/oauth2/client.ts";
import { createTokenManager } from "../../sdk/src/oauth2/token-manager.ts";
import { discoverFitgate } from "../../sdk/src/presets/fitgate.ts";
import { createOAuth2ClientFromPreset } from "../../sdk/src/presets/preset.ts";
import { createMemoryTokenStore } from "../../sdk/src/token-stores/memory.ts";
import { createTestClient, createTestUser } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { authorizeWithSdk, createUserAgent } from "./sdk-user-agent.ts";
import { useTestServer } from "../helpers/suite.ts";

const REDIRECT_URI = "http://localhost:12345/callback"; // never listened on: the user agent stops at the redirect

/** a fetch that counts the token-endpoint requests it passes on */
function countingFetch(): FetchLike & { tokenRequests: number } {
  const counter = Object.assign(async (input: string | URL | Request, init?: RequestInit) => {
    if (String(input).endsWith("/oauth2/token")) counter.tokenRequests += 1;
    return fetch(input, init);
  }, { tokenRequests: 0 });
  return counter;
}

const targets = await databaseTargets();
for (const target of targets) {
  describe(`SDK OAuth 2 against fitgate on ${target.dialect}`, { skip: target.skip }, () => {
    const server = useTestServer(target);

    const authorizeUser = (clientOptions?: (clientId: string) => Partial<OAuth2ClientOptions>, overrides?: Parameters<typeof createTestClient>[1]) =>
      authorizeWithSdk(server, { scope: "profile diary:read", clientOptions, overrides });

    it("discovers the endpoints from the RFC 8414 metadata", async () => {
      const preset = await discoverFitgate(server.url);
      assert.equal(preset.tokenEndpoint, `${server.url}/oauth2/token`);
      assert.equal(preset.authorizationEndpoint, `${server.url}/oauth2/authorize`);
      assert.equal(preset.revocationEndpoint, `${server.url}/oauth2/revoke`);
      assert.equal(preset.pkce, true);
    });

    it("runs the authorization code flow with PKCE and Basic authentication, then refreshes", async () => {
      const { client, tokens } = await authorizeUser();
      assert.equal(tokens.tokenType, "Bearer");
      assert.deepEqual([...(tokens.scope ?? [])].sort(), ["diary:read", "profile"]);
      assert.ok(tokens.refreshToken !== null);
      assert.ok(tokens.expiresAt !== null && tokens.expiresAt.getTime() > Date.now());
      const refreshed = await client.refresh(tokens.refreshToken);
      assert.notEqual(refreshed.accessToken, tokens.accessToken);
    });

    it("runs it the MapMyFitness way: credentials in the body and the client id as Api-Key", async () => {
      const { client, tokens } = await authorizeUser((clientId) => ({ authentication: "client_secret_post", headers: { "Api-Key": clientId } }));
      const refreshed = await client.refresh(tokens.refreshToken ?? "");
      assert.ok(refreshed.accessToken.length > 0);
    });

    it("refuses an Api-Key that is not the client id with a typed invalid_client", async () => {
      const registered = await createTestClient(server.deps);
      const client = createOAuth2Client({
        clientId: registered.client.id, clientSecret: registered.secrets?.clientSecret ?? null,
        headers: { "Api-Key": "someone-else" }, tokenEndpoint: `${server.url}/oauth2/token`,
      });
      await assert.rejects(client.clientCredentials(), (error: unknown) => error instanceof OAuth2Error && error.code === "invalid_client");
    });

    it("runs a public client's flow with PKCE and no secret", async () => {
      const { tokens } = await authorizeUser(() => ({ clientSecret: null, authentication: "none" }), { type: "public" });
      assert.ok(tokens.accessToken.length > 0);
    });

    it("surfaces the user's Deny as AuthorizationResponseError access_denied", async () => {
      const user = await createTestUser(server.deps);
      const registered = await createTestClient(server.deps);
      const client = createOAuth2ClientFromPreset(await discoverFitgate(server.url), { clientId: registered.client.id, clientSecret: registered.secrets?.clientSecret });
      const pending = await client.createAuthorizationRequest({ redirectUri: REDIRECT_URI });
      const callback = await createUserAgent(server.url, user).authorize(pending.url, "deny");
      assert.throws(() => parseAuthorizationResponse(callback, { state: pending.state, issuer: server.url }),
        (error: unknown) => error instanceof AuthorizationResponseError && error.code === "access_denied");
    });

    it("gets client_credentials tokens through a token manager, once for racing calls", async () => {
      const registered = await createTestClient(server.deps);
      const fetch = countingFetch();
      const client = createOAuth2Client({ clientId: registered.client.id, clientSecret: registered.secrets?.clientSecret ?? null, tokenEndpoint: `${server.url}/oauth2/token`, fetch });
      const manager = createTokenManager({ client, grant: "client_credentials", scope: "basic" });
      const tokens = await Promise.all(Array.from({ length: 10 }, () => manager.getAccessToken()));
      assert.equal(new Set(tokens).size, 1);
      assert.equal(fetch.tokenRequests, 1);
    });

    it("refreshes exactly once when 20 API calls race on a token about to expire", async () => {
      const { registered, tokens } = await authorizeUser();
      const fetch = countingFetch();
      const client = createOAuth2Client({ clientId: registered.client.id, clientSecret: registered.secrets?.clientSecret ?? null, tokenEndpoint: `${server.url}/oauth2/token`, fetch });
      const expiringAt = new Date(Date.now() + 30_000); // inside the 60-second margin
      const manager = createTokenManager({ client, store: createMemoryTokenStore({ default: { ...tokens, expiresAt: expiringAt } }), fetch });
      const responses = await Promise.all(Array.from({ length: 20 }, () => manager.fetch(`${server.url}/healthz`)));
      assert.deepEqual(new Set(responses.map((r) => r.status)), new Set([200]));
      assert.equal(fetch.tokenRequests, 1);
      assert.notEqual(await manager.getAccessToken(), tokens.accessToken);
    });

    it("turns a refresh token the app revoked (RFC 7009) into ReauthorizationRequiredError", async () => {
      const { client, tokens } = await authorizeUser();
      await client.revoke(tokens.refreshToken ?? "", "refresh_token");
      await assert.rejects(client.refresh(tokens.refreshToken ?? ""), (error: unknown) => error instanceof OAuth2Error && error.code === "invalid_grant");
    });

    it("turns a grant the user revoked on /account/apps into ReauthorizationRequiredError and clears the store", async () => {
      const { client, tokens, agent } = await authorizeUser();
      assert.equal(await agent.revokeConnectedApps(), 1);
      const store = createMemoryTokenStore({ alice: { ...tokens, expiresAt: new Date(Date.now() - 1000) } });
      const manager = createTokenManager({ client, store, key: "alice" });
      await assert.rejects(manager.fetch(`${server.url}/healthz`), (error: unknown) =>
        error instanceof ReauthorizationRequiredError && error.code === "reauthorization_required" && error.cause instanceof OAuth2Error && error.cause.code === "invalid_grant");
      assert.equal(await store.load("alice"), null);
    });
  });
}
