// The credentials of RFC 5849 §2: temporary credentials ("request tokens", §2.1) that the user
// authorizes (§2.2) and that are exchanged once for token credentials ("access tokens", §2.3).
// Every access token points to its grant, so revoking the grant revokes it.

export type OAuth1TokenKind = "request" | "access";

export type OAuth1Token = Readonly<{
  /** the oauth_token value */
  token: string;
  kind: OAuth1TokenKind;
  clientId: string;
  /** the user who authorized it; null for a request token not authorized yet */
  userId: string | null;
  grantId: string | null;
  /** sealed with the master key */
  secretSealed: string;
  /** a request token's callback URL, or "oob" */
  callbackUrl: string | null;
  /** SHA-256 hex of the verifier, set when the user allowed access */
  verifierHash: string | null;
  scopes: readonly string[];
  createdAt: Date;
  expiresAt: Date | null;
  authorizedAt: Date | null;
  consumedAt: Date | null;
  revokedAt: Date | null;
}>;

/** oauth_token values fitgate issues are short printable ASCII; anything else is unknown without a
 *  lookup (and never reaches the database: PostgreSQL refuses a NUL with an error) */
export function isPlausibleToken(token: string): boolean {
  return /^[\x21-\x7e]{1,200}$/.test(token);
}

/** why a request token cannot be authorized or exchanged, or null when it can */
export function requestTokenUnusableReason(token: OAuth1Token | null, now: Date): string | null {
  if (token === null || token.kind !== "request") return "is not a request token issued here";
  if (token.consumedAt !== null) return "was already used (request tokens are single use)";
  if (token.expiresAt !== null && token.expiresAt.getTime() <= now.getTime()) return "has expired; ask for a new request token";
  return null;
}

/** why an access token cannot be used, or null when it can */
export function accessTokenUnusableReason(token: OAuth1Token | null, clientId: string): string | null {
  if (token === null || token.kind !== "access") return "is not an access token issued here";
  if (token.clientId !== clientId) return "was issued to another consumer";
  if (token.revokedAt !== null) return "was revoked";
  return null;
}
