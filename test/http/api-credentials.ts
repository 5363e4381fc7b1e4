// The four ways of calling the API, each with REAL credentials obtained through fitgate's own
// endpoints: a Bearer token from client credentials, a Bearer token from a user's
// authorization-code grant, OAuth 1.0a 2-legged (consumer only) and 3-legged (access token).
import assert from "node:assert/strict";
import type { InjectOptions } from "fastify";
import { type AppUnderTest, createTestClient } from "../helpers/app.ts";
import type { DatabaseTarget } from "../helpers/databases.ts";
import { basic, createPkce, obtainCode, postToken, REDIRECT_URI } from "../helpers/oauth2-flow.ts";
import { authorizationHeader, type Consumer, ISSUER, threeLeggedDance, type Token } from "../oauth1/oauth1-helpers.ts";
import { loggedInPageClient, type PageClient } from "../helpers/pages.ts";
import { type SuiteApp, useSuiteValue, useTestApp } from "../helpers/suite.ts";

export type CredentialKind = "client-credentials" | "user-bearer" | "oauth1-2-legged" | "oauth1-3-legged";

export type ApiCredential = Readonly<{
  kind: CredentialKind;
  userId: string | null;
  clientId: string;
  /** the user's logged-in browser session (user credentials only), e.g. for the connected-apps page */
  pages: PageClient | null;
  /** an inject request: GET puts params in the query, other methods in a form body */
  request(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, params?: Record<string, string>, headers?: Record<string, string>): InjectOptions;
}>;

export const USER_SCOPES = "profile diary:read diary:write weight:read weight:write exercise:read exercise:write";
export const CATALOGUE_SCOPES = "basic premier barcode";

function bearerRequest(token: string) {
  return (method: "GET" | "POST" | "PATCH" | "DELETE", path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}): InjectOptions => {
    const query = new URLSearchParams(params).toString();
    if (method === "GET") return { method, url: query === "" ? path : `${path}?${query}`, headers: { authorization: `Bearer ${token}`, ...headers } };
    return { method, url: path, headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded", ...headers }, payload: query };
  };
}

function oauth1Request(consumer: Consumer, token?: Token) {
  return (method: "GET" | "POST" | "PATCH" | "DELETE", path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}): InjectOptions => {
    const query = new URLSearchParams(params).toString();
    if (method === "GET" || method === "DELETE") {
      const url = query === "" ? path : `${path}?${query}`;
      return { method, url, headers: { authorization: authorizationHeader(consumer, method, `${ISSUER}${url}`, token), ...headers } };
    }
    return {
      method, url: path, payload: query,
      headers: { authorization: authorizationHeader(consumer, method, `${ISSUER}${path}`, token, params), "content-type": "application/x-www-form-urlencoded", ...headers },
    };
  };
}

export async function clientCredentialsBearer(t: AppUnderTest, clientId: string, clientSecret: string, scope = CATALOGUE_SCOPES): Promise<string> {
  const response = await postToken(t.app, { grant_type: "client_credentials", scope }, { authorization: basic(clientId, clientSecret) });
  assert.equal(response.statusCode, 200, response.body);
  return (JSON.parse(response.body) as { access_token: string }).access_token;
}

/** a user logs in, consents, and the app exchanges the code: the user's Bearer token */
export async function userBearer(t: AppUnderTest, clientId: string, clientSecret: string, scope: string): Promise<{ token: string; userId: string; pages: PageClient }> {
  const { user, page } = await loggedInPageClient(t);
  const pkce = createPkce();
  const code = await obtainCode(page, { client_id: clientId, scope, code_challenge: pkce.challenge, code_challenge_method: "S256" });
  const response = await postToken(t.app, { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: pkce.verifier }, { authorization: basic(clientId, clientSecret) });
  assert.equal(response.statusCode, 200, response.body);
  return { token: (JSON.parse(response.body) as { access_token: string }).access_token, userId: user.id, pages: page };
}

/** the 3-legged OAuth 1.0a dance (oob) for a new user */
export async function oauth1AccessToken(t: AppUnderTest, consumer: Consumer): Promise<{ token: Token; userId: string; pages: PageClient }> {
  const { accessToken, userId, pages } = await threeLeggedDance(t, consumer);
  return { token: accessToken, userId, pages };
}

/** one application, and each of the four credentials for it (the two user ones for two new users) */
export async function createApiCredentials(t: AppUnderTest, userScope = USER_SCOPES): Promise<ApiCredential[]> {
  const { client, secrets } = await createTestClient(t.deps);
  assert.ok(secrets !== null && client.consumerKey !== null);
  const consumer: Consumer = { key: client.consumerKey, secret: secrets.consumerSecret, clientId: client.id };
  const cc = await clientCredentialsBearer(t, client.id, secrets.clientSecret);
  const user = await userBearer(t, client.id, secrets.clientSecret, `${CATALOGUE_SCOPES} ${userScope}`);
  const threeLegged = await oauth1AccessToken(t, consumer);
  return [
    { kind: "client-credentials", userId: null, clientId: client.id, pages: null, request: bearerRequest(cc) },
    { kind: "user-bearer", userId: user.userId, clientId: client.id, pages: user.pages, request: bearerRequest(user.token) },
    { kind: "oauth1-2-legged", userId: null, clientId: client.id, pages: null, request: oauth1Request(consumer) },
    { kind: "oauth1-3-legged", userId: threeLegged.userId, clientId: client.id, pages: threeLegged.pages, request: oauth1Request(consumer, threeLegged.token) },
  ];
}

export { bearerRequest, oauth1Request };

export type SeededApiApp = Readonly<{ t: SuiteApp; call: ReturnType<typeof bearerRequest>; token(): string }>;

/** for the suite: a fresh database with the seeded foods, an app on it, and a user's Bearer token holding every scope */
export function useSeededApiApp(target: DatabaseTarget): SeededApiApp {
  const t = useTestApp(target, { seedFoods: true });
  const token = useSuiteValue("the suite's Bearer token", async () => {
    const { client, secrets } = await createTestClient(t.deps);
    assert.ok(secrets);
    return (await userBearer(t, client.id, secrets.clientSecret, `${CATALOGUE_SCOPES} ${USER_SCOPES}`)).token;
  }, async () => {});
  return { t, token, call: (...request) => bearerRequest(token())(...request) };
}
