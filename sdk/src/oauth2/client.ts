// An OAuth 2.0 client for one registered application: the token endpoint's three grants
// (RFC 6749 §4.1.3, §6, §4.4), client authentication (§2.3.1), revocation (RFC 7009).
import { OAuth2Error } from "../errors.ts";
import { defaultFetch, postForm, readJsonBody, type FetchLike } from "../http.ts";
import { createAuthorizationRequest, type AuthorizationRequestOptions, type PendingAuthorization } from "./authorization-request.ts";
import { parseErrorResponse, readTokenResponse, type TokenSet } from "./token-response.ts";

export type ClientAuthenticationMethod = "client_secret_basic" | "client_secret_post" | "none";

export type OAuth2ClientOptions = Readonly<{
  clientId: string;
  /** null or omitted for a public client (then PKCE is what protects the code) */
  clientSecret?: string | null | undefined;
  tokenEndpoint: string | URL;
  authorizationEndpoint?: string | URL | null | undefined;
  revocationEndpoint?: string | URL | null | undefined;
  /** default: client_secret_basic with a secret, none without (RFC 6749 §2.3.1) */
  authentication?: ClientAuthenticationMethod | undefined;
  /** sent on every token-endpoint request, e.g. MapMyFitness's `Api-Key: <client id>` */
  headers?: Readonly<Record<string, string>> | undefined;
  fetch?: FetchLike | undefined;
  now?: (() => Date) | undefined;
}>;

export type OAuth2Client = Readonly<{
  clientId: string;
  createAuthorizationRequest(options: Omit<AuthorizationRequestOptions, "authorizationEndpoint" | "clientId">): Promise<PendingAuthorization>;
  /** @see RFC 6749 §4.1.3, RFC 7636 §4.5 */
  exchangeCode(options: { code: string; redirectUri: string; codeVerifier?: string | null | undefined }): Promise<TokenSet>;
  /** keeps the old refresh token when the server does not rotate it (RFC 6749 §6) */
  refresh(refreshToken: string, options?: { scope?: string | readonly string[] | undefined }): Promise<TokenSet>;
  /** @see RFC 6749 §4.4 */
  clientCredentials(options?: { scope?: string | readonly string[] | undefined }): Promise<TokenSet>;
  /** @see RFC 7009 §2.1; revoking an unknown or already revoked token succeeds (§2.2) */
  revoke(token: string, tokenTypeHint?: "access_token" | "refresh_token"): Promise<void>;
}>;

export function createOAuth2Client(options: OAuth2ClientOptions): OAuth2Client {
  const fetchImpl = options.fetch ?? defaultFetch();
  const now = options.now ?? (() => new Date());
  const secret = options.clientSecret ?? null;
  const method = options.authentication ?? (secret === null ? "none" : "client_secret_basic");
  if (method !== "none" && secret === null) throw new TypeError(`${method} needs a clientSecret`);

  /** RFC 6749 §2.3.1: Basic over the form-encoded id and secret; or both in the body */
  const authenticate = (form: URLSearchParams): Record<string, string> => {
    const headers: Record<string, string> = { ...options.headers };
    if (method === "client_secret_basic" && secret !== null) {
      const credentials = `${formEncode(options.clientId)}:${formEncode(secret)}`;
      headers.authorization = `Basic ${btoa(credentials)}`;
    } else {
      form.set("client_id", options.clientId);
      if (method === "client_secret_post" && secret !== null) form.set("client_secret", secret);
    }
    return headers;
  };

  const requestTokens = async (form: URLSearchParams): Promise<TokenSet> => {
    const headers = authenticate(form);
    const startedAt = now(); // expiry counts from the request, never later than the server's clock
    return readTokenResponse(await postForm(fetchImpl, options.tokenEndpoint, form, headers), startedAt);
  };

  return {
    clientId: options.clientId,
    createAuthorizationRequest(request) {
      if (options.authorizationEndpoint === undefined || options.authorizationEndpoint === null) {
        throw new TypeError("this client was created without an authorizationEndpoint");
      }
      return createAuthorizationRequest({ ...request, authorizationEndpoint: options.authorizationEndpoint, clientId: options.clientId });
    },
    exchangeCode({ code, redirectUri, codeVerifier }) {
      const form = new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirectUri });
      if (codeVerifier !== undefined && codeVerifier !== null) form.set("code_verifier", codeVerifier);
      return requestTokens(form);
    },
    async refresh(refreshToken, refreshOptions = {}) {
      const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken });
      setScope(form, refreshOptions.scope);
      const tokens = await requestTokens(form);
      return tokens.refreshToken === null ? { ...tokens, refreshToken } : tokens;
    },
    clientCredentials(grantOptions = {}) {
      const form = new URLSearchParams({ grant_type: "client_credentials" });
      setScope(form, grantOptions.scope);
      return requestTokens(form);
    },
    async revoke(token, tokenTypeHint) {
      if (options.revocationEndpoint === undefined || options.revocationEndpoint === null) {
        throw new TypeError("this client was created without a revocationEndpoint");
      }
      const form = new URLSearchParams({ token });
      if (tokenTypeHint !== undefined) form.set("token_type_hint", tokenTypeHint);
      const response = await postForm(fetchImpl, options.revocationEndpoint, form, authenticate(form));
      if (response.status === 200) {
        await response.body?.cancel();
        return;
      }
      const error = parseErrorResponse(await readJsonBody(response, "revocation endpoint"), response.status);
      throw error;
    },
  };
}

function setScope(form: URLSearchParams, scope: string | readonly string[] | undefined): void {
  const value = typeof scope === "string" ? scope : scope?.join(" ");
  if (value !== undefined && value !== "") form.set("scope", value);
}

/** application/x-www-form-urlencoded, as RFC 6749 Appendix B asks for Basic credentials */
function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

export { OAuth2Error };
