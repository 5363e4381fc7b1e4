// What a provider preset pins down: every URL of one platform in one place, plus the few
// rules where it departs from the RFC defaults (client authentication, PKCE, extra headers).
import { createOAuth2Client, type ClientAuthenticationMethod, type OAuth2Client } from "../oauth2/client.ts";
import type { FetchLike } from "../http.ts";

export type OAuth2Preset = Readonly<{
  name: string;
  /** null for a platform that only offers client_credentials (FatSecret) */
  authorizationEndpoint: string | null;
  tokenEndpoint: string;
  revocationEndpoint: string | null;
  /** the scopes the platform documents */
  scopes: readonly string[];
  authentication: ClientAuthenticationMethod;
  /** whether to send an RFC 7636 code challenge */
  pkce: boolean;
  apiBaseUrl: string;
  /** headers the platform wants on token and API requests, besides Authorization */
  headersFor(clientId: string): Record<string, string>;
}>;

export type OAuth1Preset = Readonly<{
  name: string;
  requestTokenUrl: string;
  authorizeUrl: string;
  accessTokenUrl: string;
  /** the HTTP method the platform documents for the token requests */
  tokenRequestMethod: "GET" | "POST";
  signatureMethod: "HMAC-SHA1" | "HMAC-SHA256";
  apiBaseUrl: string;
}>;

export type PresetClientOptions = Readonly<{
  clientId: string;
  clientSecret?: string | null | undefined;
  fetch?: FetchLike | undefined;
  now?: (() => Date) | undefined;
}>;

export function createOAuth2ClientFromPreset(preset: OAuth2Preset, options: PresetClientOptions): OAuth2Client {
  const secret = options.clientSecret ?? null;
  return createOAuth2Client({
    clientId: options.clientId,
    clientSecret: secret,
    authentication: secret === null ? "none" : preset.authentication,
    authorizationEndpoint: preset.authorizationEndpoint,
    tokenEndpoint: preset.tokenEndpoint,
    revocationEndpoint: preset.revocationEndpoint,
    headers: preset.headersFor(options.clientId),
    fetch: options.fetch,
    now: options.now,
  });
}
