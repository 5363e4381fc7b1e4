// RFC 5849 §2.3 (token credentials): a request token the user authorized, signed with the
// consumer and request token secrets and carrying the verifier, is exchanged once for an access
// token that lasts until it is revoked.
import { parameterAbsent } from "./problems.ts";

/** @see RFC 5849 §2.3 */
export function requireVerifier(verifier: string | null): string {
  if (verifier === null || verifier === "") {
    throw parameterAbsent("oauth_verifier", "Send oauth_verifier: the verification code from the callback (or that the user copied from the oob page).");
  }
  return verifier;
}

/** @see RFC 5849 §2.3 */
export function createAccessTokenResponse(token: string, tokenSecret: string): string {
  return new URLSearchParams({ oauth_token: token, oauth_token_secret: tokenSecret }).toString();
}
