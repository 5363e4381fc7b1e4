// Who is calling the protected API (SPEC §4), as the OAuth 2 Bearer verifier
// (protocol/oauth2) or the OAuth 1 signature verifier (protocol/oauth1) established it.
// The API's authorisation works on this alone, whichever protocol carried the call.
export type ApiCaller = Readonly<{
  protocol: "oauth2" | "oauth1";
  clientId: string;
  /** null for client-credentials and 2-legged OAuth 1 calls: no user's data may be touched */
  userId: string | null;
  /** the user's grant the credentials belong to; null when userId is null */
  grantId: string | null;
  scopes: readonly string[];
}>;
