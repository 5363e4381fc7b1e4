// RFC 7636 PKCE, S256 only (RFC 9700 §2.1.1: plain adds nothing over no PKCE against a
// leaked authorization request). Required for public clients, accepted from all.
import { createHash } from "node:crypto";
import { invalidGrant, OAuth2Error } from "./errors.ts";

export type CodeChallenge = Readonly<{ challenge: string; method: "S256" }>;

const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** RFC 7636 §4.3 at the authorization endpoint; null when the request carries no challenge */
export function parseCodeChallenge(challenge: string | null, method: string | null): CodeChallenge | null {
  if (challenge === null) {
    if (method !== null) throw new OAuth2Error("invalid_request", "code_challenge_method without code_challenge");
    return null;
  }
  if ((method ?? "plain") !== "S256") throw new OAuth2Error("invalid_request", "code_challenge_method must be S256");
  if (!CHALLENGE.test(challenge)) throw new OAuth2Error("invalid_request", "code_challenge must be a base64url SHA-256 (43 characters)");
  return { challenge, method: "S256" };
}

export function createS256CodeChallenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

/** RFC 7636 §4.6; RFC 9700 §2.1.1: a verifier for a code issued without a challenge is refused too */
export function checkCodeVerifier(challenge: string | null, verifier: string | null): void {
  if (challenge === null) {
    if (verifier !== null) throw invalidGrant("code_verifier sent for a code issued without code_challenge");
    return;
  }
  if (verifier === null) throw invalidGrant("code_verifier is required for this code");
  if (!VERIFIER.test(verifier)) throw invalidGrant("code_verifier is malformed");
  if (createS256CodeChallenge(verifier) !== challenge) throw invalidGrant("code_verifier does not match the code_challenge");
}
