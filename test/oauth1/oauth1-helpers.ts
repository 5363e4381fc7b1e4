// Shared steps of the OAuth 1 tests: an oauth-1.0a signer (a real client library, not our own
// signer), the three legs through app.inject(), and the form-encoded answers parsed.
import { createHmac, randomBytes } from "node:crypto";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import OAuth from "oauth-1.0a";
import {
  createAuthorizationHeader, isSignatureMethod, signRequest, type SignatureMethod,
} from "../../sdk/src/oauth1/signature.ts";
import { createTestClient, type AppUnderTest, type TestApp } from "../helpers/app.ts";
import { consentFormFields } from "../helpers/oauth2-flow.ts";
import { loggedInPageClient, type PageClient } from "../helpers/pages.ts";

export const ISSUER = "http://localhost:8080";

export type Consumer = Readonly<{ key: string; secret: string; clientId: string }>;
export type Token = Readonly<{ key: string; secret: string }>;

export function signerFor(consumer: Consumer, signatureMethod: "HMAC-SHA1" | "HMAC-SHA256" = "HMAC-SHA1"): OAuth {
  const algorithm = signatureMethod === "HMAC-SHA1" ? "sha1" : "sha256";
  return new OAuth({
    consumer: { key: consumer.key, secret: consumer.secret },
    signature_method: signatureMethod,
    hash_function: (base, key) => createHmac(algorithm, key).update(base).digest("base64"),
  });
}

/** an Authorization header from oauth-1.0a for METHOD url (+ form data and extra oauth_* parameters) */
export function authorizationHeader(
  consumer: Consumer, method: string, url: string, token?: Token, data: Record<string, string> = {},
): string {
  const oauth = signerFor(consumer);
  const signed = oauth.authorize({ method, url, data }, token === undefined ? undefined : { key: token.key, secret: token.secret });
  return oauth.toHeader(signed).Authorization;
}

export function parseForm(response: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(response.body));
}

export async function createConsumer(testApp: AppUnderTest, callbackUrls = ["http://localhost:12345/callback"]): Promise<Consumer> {
  const { client, secrets } = await createTestClient(testApp.deps, { callbackUrls });
  if (client.consumerKey === null || secrets === null) throw new Error("a confidential test client has a consumer key");
  return { key: client.consumerKey, secret: secrets.consumerSecret, clientId: client.id };
}

export async function getRequestToken(app: FastifyInstance, consumer: Consumer, callback = "oob", issuer = ISSUER): Promise<Token> {
  const url = `${issuer}/oauth/request_token`;
  const response = await app.inject({
    method: "POST", url: "/oauth/request_token",
    headers: { authorization: authorizationHeader(consumer, "POST", url, undefined, { oauth_callback: callback }), "content-type": "application/x-www-form-urlencoded" },
    payload: "",
  });
  if (response.statusCode !== 200) throw new Error(`request_token: ${response.statusCode} ${response.body}`);
  const form = parseForm(response);
  return { key: form.oauth_token ?? "", secret: form.oauth_token_secret ?? "" };
}

/** Allow on the consent page, posting its hidden fields as a browser would; the verifier from the callback redirect or the oob page */
export async function authorize(pages: PageClient, requestToken: Token, decision: "allow" | "deny" = "allow"): Promise<LightMyRequestResponse> {
  const consent = await pages.get(`/oauth/authorize?oauth_token=${encodeURIComponent(requestToken.key)}`);
  if (consent.statusCode !== 200) throw new Error(`consent page: ${consent.statusCode}`);
  return pages.post("/oauth/authorize", { ...consentFormFields(consent.body), decision });
}

export function verifierFromOobPage(response: LightMyRequestResponse): string {
  const verifier = /<output id="verifier"[^>]*>([^<]+)<\/output>/.exec(response.body)?.[1];
  if (verifier === undefined) throw new Error(`no verifier on the page (status ${response.statusCode})`);
  return verifier;
}

export async function exchange(app: FastifyInstance, consumer: Consumer, requestToken: Token, verifier: string, issuer = ISSUER): Promise<LightMyRequestResponse> {
  const url = `${issuer}/oauth/access_token`;
  return app.inject({
    method: "POST", url: "/oauth/access_token",
    headers: { authorization: authorizationHeader(consumer, "POST", url, requestToken, { oauth_verifier: verifier }) },
  });
}

/** the first two legs through oob: a new user logs in and allows `consumer`; the request token and its verifier */
export async function authorizedRequestToken(testApp: AppUnderTest, consumer: Consumer, issuer = ISSUER): Promise<{ requestToken: Token; verifier: string; userId: string; pages: PageClient }> {
  const { page: pages, user } = await loggedInPageClient(testApp);
  const requestToken = await getRequestToken(testApp.app, consumer, "oob", issuer);
  const verifier = verifierFromOobPage(await authorize(pages, requestToken));
  return { requestToken, verifier, userId: user.id, pages };
}

/** the whole dance through oob: consumer (a new one unless given), user, access token */
export async function threeLeggedDance(testApp: AppUnderTest | TestApp, consumer?: Consumer): Promise<{ consumer: Consumer; accessToken: Token; userId: string; pages: PageClient }> {
  const dancer = consumer ?? await createConsumer(testApp);
  const issuer = testApp.deps.config.issuer.href.replace(/\/$/, "");
  const { requestToken, verifier, userId, pages } = await authorizedRequestToken(testApp, dancer, issuer);
  const response = await exchange(testApp.app, dancer, requestToken, verifier, issuer);
  if (response.statusCode !== 200) throw new Error(`access_token: ${response.statusCode} ${response.body}`);
  const form = parseForm(response);
  return { consumer: dancer, accessToken: { key: form.oauth_token ?? "", secret: form.oauth_token_secret ?? "" }, userId, pages };
}

export type SignedRequestOptions = {
  consumer: Consumer;
  token?: Token;
  method?: string;
  /** path and query, e.g. /oauth/request_token?x=1 */
  path: string;
  /** form body parameters (sent as application/x-www-form-urlencoded and signed) */
  body?: [string, string][];
  /** protocol parameters to add to (or, with the same name, replace in) the header */
  oauth?: Record<string, string>;
  signatureMethod?: SignatureMethod;
  timestampSeconds?: number;
  nonce?: string;
  /** the URL signed, when it should differ from ISSUER + path */
  signedUrl?: string;
};

/** a request signed with fitgate's own signing core, for tests that need to bend the rules */
export function signedRequest(options: SignedRequestOptions): InjectOptions {
  const method = options.method ?? "POST";
  const signatureMethod = options.signatureMethod ?? "HMAC-SHA1";
  const protocol: Record<string, string> = {
    oauth_consumer_key: options.consumer.key,
    oauth_signature_method: signatureMethod,
    oauth_timestamp: String(options.timestampSeconds ?? Math.floor(Date.now() / 1000)),
    oauth_nonce: options.nonce ?? randomBytes(12).toString("hex"),
    oauth_version: "1.0",
    ...(options.token === undefined ? {} : { oauth_token: options.token.key }),
    ...options.oauth,
  };
  const body = options.body ?? [];
  const { signature } = signRequest({
    method, url: options.signedUrl ?? `${ISSUER}${options.path}`, parameters: [...Object.entries(protocol), ...body],
    signatureMethod: isSignatureMethod(signatureMethod) ? signatureMethod : "HMAC-SHA1",
    consumerSecret: options.consumer.secret, tokenSecret: options.token?.secret ?? null,
  });
  const headers: Record<string, string> = { authorization: createAuthorizationHeader([...Object.entries(protocol), ["oauth_signature", signature]]) };
  if (body.length > 0) headers["content-type"] = "application/x-www-form-urlencoded";
  return { method: method as InjectOptions["method"], url: options.path, headers, ...(body.length > 0 ? { payload: new URLSearchParams(body).toString() } : {}) };
}
