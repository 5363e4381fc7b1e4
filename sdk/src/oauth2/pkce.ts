// RFC 7636 (PKCE): a high-entropy code verifier and its S256 challenge, with WebCrypto so the
// same code runs in Node, Deno, browsers and workers.
import { base64UrlEncode, generateRandomToken } from "../http.ts";

const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * 32 random octets, base64url: 43 characters of the unreserved set, as §4.1 recommends.
 * @see RFC 7636 §4.1
 */
export function generateCodeVerifier(): string {
  return generateRandomToken(32);
}

/**
 * BASE64URL(SHA256(ASCII(code_verifier))).
 * @see RFC 7636 §4.2
 */
export async function createS256CodeChallenge(codeVerifier: string): Promise<string> {
  if (!VERIFIER_PATTERN.test(codeVerifier)) throw new TypeError("a code verifier is 43 to 128 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1)");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(codeVerifier));
  return base64UrlEncode(new Uint8Array(digest));
}

/** an opaque, unguessable `state` binding the callback to this browser session (RFC 6749 §10.12) */
export function generateState(): string {
  return generateRandomToken(16);
}
