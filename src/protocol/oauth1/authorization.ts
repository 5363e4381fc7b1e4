// RFC 5849 §2.2 (resource owner authorization): after consent the user goes back to the
// callback with oauth_token and oauth_verifier; for "oob" the verifier is shown instead. A
// denial goes back with oauth_problem=permission_denied (Problem Reporting, SPEC §3).
import { OUT_OF_BAND } from "./request-token.ts";

export type AuthorizationOutcome =
  | Readonly<{ kind: "redirect"; location: string }>
  | Readonly<{ kind: "show-verifier"; verifier: string }>
  | Readonly<{ kind: "show-denied" }>;

/** @see RFC 5849 §2.2 */
export function createAllowedOutcome(callbackUrl: string, token: string, verifier: string): AuthorizationOutcome {
  if (callbackUrl === OUT_OF_BAND) return { kind: "show-verifier", verifier };
  return { kind: "redirect", location: withQuery(callbackUrl, { oauth_token: token, oauth_verifier: verifier }) };
}

export function createDeniedOutcome(callbackUrl: string, token: string): AuthorizationOutcome {
  if (callbackUrl === OUT_OF_BAND) return { kind: "show-denied" };
  return { kind: "redirect", location: withQuery(callbackUrl, { oauth_token: token, oauth_problem: "permission_denied" }) };
}

/** adds parameters to the callback's own query, keeping what the application put there (§2.2) */
function withQuery(callbackUrl: string, parameters: Record<string, string>): string {
  const url = new URL(callbackUrl);
  for (const [name, value] of Object.entries(parameters)) url.searchParams.append(name, value);
  return url.href;
}
