// @fitgate/sdk: OAuth 2.0 and OAuth 1.0a clients, provider presets and fitgate's typed API client.
// The file token store (node:fs) is a separate entry point: "@fitgate/sdk/file-token-store".
export * from "./errors.ts";
export type { FetchLike } from "./http.ts";
export { createS256CodeChallenge, generateCodeVerifier, generateState } from "./oauth2/pkce.ts";
export { createAuthorizationRequest, parseAuthorizationResponse } from "./oauth2/authorization-request.ts";
export type { AuthorizationRequestOptions, AuthorizationResponseExpectations, PendingAuthorization } from "./oauth2/authorization-request.ts";
export { parseErrorResponse, parseTokenResponse } from "./oauth2/token-response.ts";
export type { TokenSet } from "./oauth2/token-response.ts";
export { createOAuth2Client } from "./oauth2/client.ts";
export type { ClientAuthenticationMethod, OAuth2Client, OAuth2ClientOptions } from "./oauth2/client.ts";
export { discoverAuthorizationServer, metadataUrlFor, parseAuthorizationServerMetadata } from "./oauth2/discovery.ts";
export type { AuthorizationServerMetadata } from "./oauth2/discovery.ts";
export { createTokenManager } from "./oauth2/token-manager.ts";
export type { TokenManager, TokenManagerOptions } from "./oauth2/token-manager.ts";
export { createMemoryTokenStore } from "./token-stores/memory.ts";
export type { TokenStore } from "./token-stores/token-store.ts";
export { createOAuth2ClientFromPreset } from "./presets/preset.ts";
export type { OAuth1Preset, OAuth2Preset, PresetClientOptions } from "./presets/preset.ts";
export { discoverFitgate, fitgateOAuth1, fitgateOAuth2, FITGATE_DEFAULT_ISSUER, FITGATE_SCOPES } from "./presets/fitgate.ts";
export { fatsecretOAuth1, fatsecretOAuth2, FATSECRET_API_URL } from "./presets/fatsecret.ts";
export { mapmyfitness } from "./presets/mapmyfitness.ts";
export { myfitnesspal } from "./presets/myfitnesspal.ts";
export { createOAuth1Client } from "./oauth1/client.ts";
export type { OAuth1Client, OAuth1ClientOptions, SignedRequestInput } from "./oauth1/client.ts";
export type { OAuth1Token, RequestToken } from "./oauth1/token-response.ts";
export { createAuthorizationHeader, createSignatureBaseString, percentEncode } from "./oauth1/signature.ts";
export type { SignatureMethod } from "./oauth1/signature.ts";
