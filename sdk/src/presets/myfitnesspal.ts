// MyFitnessPal API v2. Sources:
// - "MyFitnessPal Developer — User Authorization" (fitgate seeds/000): authorization code grant,
//   client id + secret exchanged for an access token and a refresh token, refresh until revoked.
// - myfitnesspalapi.com/docs (request-query-parameters, appendix-full-request-examples):
//   `GET /oauth2/auth`, `POST /oauth2/token`, `POST /oauth2/revoke`, the scopes measurements,
//   diary, privateexercises, subscriptions, and API calls to https://api.myfitnesspal.com/v2/
//   carrying an `mfp-client-id` header.
// UNCERTAIN: the documentation gives the OAuth paths without a host; api.myfitnesspal.com is our
// reading of its "Domains" section, and the API is partner-only, so these URLs are untested.
// Whether the token endpoint wants Basic or body credentials is not stated; body is assumed.
import type { OAuth2Preset } from "./preset.ts";

const OAUTH_BASE = "https://api.myfitnesspal.com/v2/oauth2";

export const myfitnesspal: OAuth2Preset = Object.freeze({
  name: "MyFitnessPal",
  authorizationEndpoint: `${OAUTH_BASE}/auth`,
  tokenEndpoint: `${OAUTH_BASE}/token`,
  revocationEndpoint: `${OAUTH_BASE}/revoke`,
  scopes: Object.freeze(["measurements", "diary", "privateexercises", "subscriptions"]),
  authentication: "client_secret_post",
  pkce: false,
  apiBaseUrl: "https://api.myfitnesspal.com/v2/",
  headersFor: (clientId: string) => ({ "mfp-client-id": clientId }),
});
