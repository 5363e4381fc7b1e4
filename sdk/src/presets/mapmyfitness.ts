// MapMyFitness (Under Armour) API v7.1, the real endpoints. Sources:
// - "MapMyFitness API OAuth 2 Demo" (fitgate seeds/001): form-encoded token requests with
//   client_id and client_secret in the body, and an `Api-Key: <client id>` header.
// - developer.mapmyfitness.com/docs/v71_OAuth_2 ("OAuth 2 Endpoints"): the authorize URL is the
//   only one on www.mapmyfitness.com; everything else is on api.mapmyfitness.com.
// - developer.mapmyfitness.com/docs/v71_OAuth_2_Client_Creds: the access token URL, and that the
//   Api-Key goes "in both the headers and in the data".
// Not documented there: PKCE (so none is sent) and a revocation endpoint (so none is set).
import type { OAuth2Preset } from "./preset.ts";

export const mapmyfitness: OAuth2Preset = Object.freeze({
  name: "MapMyFitness",
  authorizationEndpoint: "https://www.mapmyfitness.com/v7.1/oauth2/authorize/",
  tokenEndpoint: "https://api.mapmyfitness.com/v7.1/oauth2/access_token/",
  revocationEndpoint: null,
  scopes: Object.freeze([]), // v7.1 grants one scope per application; the authorize URL takes none
  authentication: "client_secret_post",
  pkce: false,
  apiBaseUrl: "https://api.mapmyfitness.com/v7.1/",
  headersFor: (clientId: string) => ({ "Api-Key": clientId }),
});
