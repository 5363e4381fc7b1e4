// A fetch that carries the access token (RFC 6750 §2.1) and renews it shortly before it
// expires: by refresh (RFC 6749 §6) for a user's grant, or a new client_credentials request
// (§4.4) for the app's own token. However many calls race, one renewal is in flight at a time
// (a single-flight promise), and a refresh token the server refuses becomes
// ReauthorizationRequiredError with the tokens removed from the store.
import { OAuth2Error, ReauthorizationRequiredError } from "../errors.ts";
import { defaultFetch, type FetchLike } from "../http.ts";
import { createMemoryTokenStore } from "../token-stores/memory.ts";
import type { TokenStore } from "../token-stores/token-store.ts";
import type { OAuth2Client } from "./client.ts";
import type { TokenSet } from "./token-response.ts";

export type TokenManagerOptions = Readonly<{
  client: Pick<OAuth2Client, "refresh" | "clientCredentials">;
  /** default: in memory */
  store?: TokenStore | undefined;
  /** the store key: one per user (or one for the app's own client_credentials token) */
  key?: string | undefined;
  /** "refresh_token" (default): a user's grant; "client_credentials": the app's own token */
  grant?: "refresh_token" | "client_credentials" | undefined;
  /** scope for client_credentials requests */
  scope?: string | readonly string[] | undefined;
  /** renew when the token has fewer seconds left than this; default 60 */
  refreshBeforeExpirySeconds?: number | undefined;
  now?: (() => Date) | undefined;
  fetch?: FetchLike | undefined;
}>;

export type TokenManager = Readonly<{
  /** fetch with `Authorization: Bearer …`; retried once with a renewed token on 401 invalid_token */
  fetch(input: string | URL, init?: RequestInit): Promise<Response>;
  /** a token valid for at least refreshBeforeExpirySeconds, renewing it if needed */
  getAccessToken(): Promise<string>;
  /** store tokens obtained elsewhere (typically from exchangeCode) */
  setTokens(tokens: TokenSet): Promise<void>;
  /** renew now, whatever the expiry says (joins a renewal already in flight) */
  renew(): Promise<TokenSet>;
}>;

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const store = options.store ?? createMemoryTokenStore();
  const key = options.key ?? "default";
  const grant = options.grant ?? "refresh_token";
  const skewMilliseconds = (options.refreshBeforeExpirySeconds ?? 60) * 1000;
  const now = options.now ?? (() => new Date());
  const fetchImpl = options.fetch ?? defaultFetch();
  let inFlight: Promise<TokenSet> | null = null;

  const isFresh = (tokens: TokenSet) => tokens.expiresAt === null || tokens.expiresAt.getTime() - now().getTime() > skewMilliseconds;

  /** the single flight: every caller that finds the token stale joins the same promise */
  const renew = (staleAccessToken: string | null): Promise<TokenSet> => {
    inFlight ??= obtainNewTokens(staleAccessToken).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  const obtainNewTokens = async (staleAccessToken: string | null): Promise<TokenSet> => {
    const stored = await store.load(key);
    // a caller that read the store before the last renewal finished must not renew twice
    if (stored !== null && stored.accessToken !== staleAccessToken && isFresh(stored)) return stored;
    if (grant === "client_credentials") {
      const issued = await options.client.clientCredentials({ scope: options.scope });
      await store.save(key, issued);
      return issued;
    }
    if (stored === null) throw new ReauthorizationRequiredError(`no tokens stored under "${key}": authorize first`);
    if (stored.refreshToken === null) throw new ReauthorizationRequiredError("the access token expired and there is no refresh token");
    let refreshed: TokenSet;
    try {
      refreshed = await options.client.refresh(stored.refreshToken);
    } catch (error) {
      // RFC 6749 §5.2: invalid_grant = the refresh token is invalid, expired or revoked
      if (error instanceof OAuth2Error && error.error === "invalid_grant") {
        await store.delete(key);
        throw new ReauthorizationRequiredError("the refresh token was refused (revoked by the user or the app, or expired): authorize again", error);
      }
      throw error;
    }
    await store.save(key, refreshed);
    return refreshed;
  };

  const currentTokens = async (): Promise<TokenSet> => {
    if (inFlight !== null) return inFlight;
    const stored = await store.load(key);
    if (stored !== null && isFresh(stored)) return stored;
    return renew(stored?.accessToken ?? null);
  };

  const send = (input: string | URL, init: RequestInit | undefined, accessToken: string) => {
    const headers = new Headers(init?.headers);
    headers.set("authorization", `Bearer ${accessToken}`);
    return fetchImpl(input, { ...init, headers });
  };

  return {
    async fetch(input, init) {
      const tokens = await currentTokens();
      const response = await send(input, init, tokens.accessToken);
      if (response.status !== 401 || !isInvalidTokenChallenge(response) || !isReplayable(init)) return response;
      // RFC 6750 §3.1: the token was revoked or expired early; renew once and try again
      await response.body?.cancel();
      const renewed = await renew(tokens.accessToken);
      return send(input, init, renewed.accessToken);
    },
    async getAccessToken() {
      return (await currentTokens()).accessToken;
    },
    setTokens: (tokens) => store.save(key, tokens),
    async renew() {
      const stored = await store.load(key);
      return renew(stored?.accessToken ?? null);
    },
  };
}

function isInvalidTokenChallenge(response: Response): boolean {
  const challenge = response.headers.get("www-authenticate") ?? "";
  return /^Bearer\b/i.test(challenge) && /error="?invalid_token"?/.test(challenge);
}

/** a body that can be sent twice: none, a string, or form parameters (not a stream) */
function isReplayable(init: RequestInit | undefined): boolean {
  const body = init?.body;
  return body === undefined || body === null || typeof body === "string" || body instanceof URLSearchParams;
}
