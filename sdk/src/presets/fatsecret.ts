// FatSecret Platform API (the real one). Sources:
// - OAuth 1.0a three-legged flow: "FatSecret Platform API Documentation — 3-Legged Authentication"
//   (fitgate seeds/002): request token, authorize and access token URLs, GET, HMAC-SHA1 only.
// - OAuth 2.0: "fatsecret Platform API Documentation — OAuth 2.0" (seeds/004): client_credentials
//   only, HTTP Basic client authentication, the six scopes, the REST endpoint called with
//   `method=foods.search&format=json` and `Authorization: Bearer`.
// FatSecret requires OAuth 2 token requests from registered IP ranges (a proxy server).
import type { OAuth1Preset, OAuth2Preset } from "./preset.ts";

export const FATSECRET_API_URL = "https://platform.fatsecret.com/rest/server.api";

export const fatsecretOAuth2: OAuth2Preset = Object.freeze({
  name: "FatSecret",
  authorizationEndpoint: null, // no user-facing OAuth 2 flow: three-legged access is OAuth 1 only
  tokenEndpoint: "https://oauth.fatsecret.com/connect/token",
  revocationEndpoint: null,
  scopes: Object.freeze(["basic", "premier", "barcode", "localization", "nlp", "image-recognition"]),
  authentication: "client_secret_basic",
  pkce: false,
  apiBaseUrl: FATSECRET_API_URL,
  headersFor: () => ({}),
});

export const fatsecretOAuth1: OAuth1Preset = Object.freeze({
  name: "FatSecret",
  requestTokenUrl: "https://www.fatsecret.com/oauth/request_token",
  authorizeUrl: "https://www.fatsecret.com/oauth/authorize",
  accessTokenUrl: "https://www.fatsecret.com/oauth/access_token",
  tokenRequestMethod: "GET",
  signatureMethod: "HMAC-SHA1", // "We only support HMAC-SHA1"
  apiBaseUrl: FATSECRET_API_URL,
});
