// fitgate itself. Sources: fitgate's SPEC §2-§4 (fixed paths relative to the issuer) and, at run
// time, its RFC 8414 metadata at /.well-known/oauth-authorization-server, which wins over the
// fixed paths when the two differ.
import { discoverAuthorizationServer } from "../oauth2/discovery.ts";
import type { FetchLike } from "../http.ts";
import type { OAuth1Preset, OAuth2Preset } from "./preset.ts";

export const FITGATE_DEFAULT_ISSUER = "http://localhost:8080";

export const FITGATE_SCOPES = Object.freeze([
  "basic", "premier", "barcode", "localization", "nlp", "image-recognition",
  "profile", "diary:read", "diary:write", "weight:read", "weight:write", "exercise:read", "exercise:write",
]);

/** the preset from the SPEC's fixed paths, without a network call */
export function fitgateOAuth2(issuer: string | URL = FITGATE_DEFAULT_ISSUER): OAuth2Preset {
  const at = (path: string) => new URL(path, issuer).href;
  return Object.freeze({
    name: "fitgate",
    authorizationEndpoint: at("/oauth2/authorize"),
    tokenEndpoint: at("/oauth2/token"),
    revocationEndpoint: at("/oauth2/revoke"),
    scopes: FITGATE_SCOPES,
    authentication: "client_secret_basic",
    pkce: true,
    apiBaseUrl: at("/"),
    headersFor: () => ({}),
  });
}

export function fitgateOAuth1(issuer: string | URL = FITGATE_DEFAULT_ISSUER): OAuth1Preset {
  const at = (path: string) => new URL(path, issuer).href;
  return Object.freeze({
    name: "fitgate",
    requestTokenUrl: at("/oauth/request_token"),
    authorizeUrl: at("/oauth/authorize"),
    accessTokenUrl: at("/oauth/access_token"),
    tokenRequestMethod: "POST",
    signatureMethod: "HMAC-SHA1",
    apiBaseUrl: at("/"),
  });
}

/** the preset from the server's own metadata (RFC 8414) */
export async function discoverFitgate(issuer: string | URL = FITGATE_DEFAULT_ISSUER, options: { fetch?: FetchLike | undefined } = {}): Promise<OAuth2Preset> {
  const metadata = await discoverAuthorizationServer(issuer, options);
  const fixed = fitgateOAuth2(issuer);
  return Object.freeze({
    ...fixed,
    authorizationEndpoint: metadata.authorizationEndpoint ?? fixed.authorizationEndpoint,
    tokenEndpoint: metadata.tokenEndpoint,
    revocationEndpoint: metadata.revocationEndpoint ?? fixed.revocationEndpoint,
    scopes: metadata.scopesSupported ?? fixed.scopes,
    pkce: metadata.codeChallengeMethodsSupported.includes("S256") || fixed.pkce,
  });
}
