// RFC 5849 §3.4: the signature base string (§3.4.1: method, base string URI §3.4.1.2,
// normalized parameters §3.4.1.3) and the HMAC-SHA1 (§3.4.2), HMAC-SHA256 (the same
// construction with SHA-256) and PLAINTEXT (§3.4.4) signatures; the Authorization header (§3.5.1).
// Zero dependencies beyond node:crypto: the fitgate server verifies with exactly what the SDK signs with.
import { createHmac } from "node:crypto";
import { percentEncode } from "./percent-encoding.ts";

export { percentEncode, percentDecode } from "./percent-encoding.ts";

export type SignatureMethod = "HMAC-SHA1" | "HMAC-SHA256" | "PLAINTEXT";
export const SIGNATURE_METHODS: readonly SignatureMethod[] = Object.freeze(["HMAC-SHA1", "HMAC-SHA256", "PLAINTEXT"]);

/** One request parameter, decoded. Duplicates are allowed and all of them are signed. */
export type Parameter = readonly [name: string, value: string];

export function isSignatureMethod(value: string): value is SignatureMethod {
  return (SIGNATURE_METHODS as readonly string[]).includes(value);
}

/**
 * scheme://host[:port]/path — scheme and host lower-cased, the default port (80 for http,
 * 443 for https) dropped, no query, no fragment.
 * @see RFC 5849 §3.4.1.2
 */
export function createBaseStringUri(url: string | URL): string {
  const parsed = new URL(url); // WHATWG URL lower-cases scheme and host and drops default ports
  const path = parsed.pathname === "" ? "/" : parsed.pathname;
  return `${parsed.protocol}//${parsed.host}${path}`;
}

/**
 * Encodes every name and value, sorts by encoded name then encoded value (byte order),
 * and joins them as name=value&… ; oauth_signature is left out.
 * @see RFC 5849 §3.4.1.3.2
 */
export function normalizeParameters(parameters: Iterable<Parameter>): string {
  const encoded: [string, string][] = [];
  for (const [name, value] of parameters) {
    if (name !== "oauth_signature") encoded.push([percentEncode(name), percentEncode(value)]);
  }
  // encoded strings are ASCII, so code-unit comparison is byte-order comparison
  encoded.sort(([nameA, valueA], [nameB, valueB]) => compare(nameA, nameB) || compare(valueA, valueB));
  return encoded.map(([name, value]) => `${name}=${value}`).join("&");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type SignatureBaseStringInput = Readonly<{
  /** the HTTP method, upper-cased for you */
  method: string;
  /** the absolute URL the request was sent to; its query parameters are signed too (§3.4.1.3.1) */
  url: string | URL;
  /** every other parameter: the oauth_* protocol parameters (without realm) and, for an
   *  application/x-www-form-urlencoded body, the body's parameters — all decoded */
  parameters: Iterable<Parameter>;
}>;

/**
 * METHOD&encoded-base-string-URI&encoded-normalized-parameters
 * @see RFC 5849 §3.4.1
 */
export function createSignatureBaseString(input: SignatureBaseStringInput): string {
  const url = new URL(input.url);
  // the query is form-encoded ("+" is a space) per §3.4.1.3.1; URLSearchParams decodes it so
  const all: Parameter[] = [...url.searchParams, ...input.parameters];
  return [input.method.toUpperCase(), percentEncode(createBaseStringUri(url)), percentEncode(normalizeParameters(all))].join("&");
}

/**
 * encoded consumer secret & encoded token secret (the token secret is empty without a token).
 * @see RFC 5849 §3.4.2
 */
export function createSignatureKey(consumerSecret: string, tokenSecret: string | null): string {
  return `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret ?? "")}`;
}

/**
 * The oauth_signature value (not yet percent-encoded for the header): base64 HMAC for the
 * HMAC methods, the key itself for PLAINTEXT (which ignores the base string).
 * @see RFC 5849 §3.4.2, §3.4.4
 */
export function createSignature(
  signatureMethod: SignatureMethod,
  baseString: string,
  consumerSecret: string,
  tokenSecret: string | null,
): string {
  const key = createSignatureKey(consumerSecret, tokenSecret);
  switch (signatureMethod) {
    case "HMAC-SHA1":
      return createHmac("sha1", key).update(baseString).digest("base64");
    case "HMAC-SHA256":
      return createHmac("sha256", key).update(baseString).digest("base64");
    case "PLAINTEXT":
      return key;
  }
}

export type SignRequestInput = SignatureBaseStringInput & Readonly<{
  signatureMethod: SignatureMethod;
  consumerSecret: string;
  tokenSecret: string | null;
}>;

/**
 * Base string and signature in one go; `parameters` must already hold the oauth_* protocol
 * parameters (oauth_consumer_key, oauth_signature_method, oauth_timestamp, oauth_nonce, …).
 * @see RFC 5849 §3.4
 */
export function signRequest(input: SignRequestInput): { signature: string; baseString: string } {
  const baseString = createSignatureBaseString(input);
  return { baseString, signature: createSignature(input.signatureMethod, baseString, input.consumerSecret, input.tokenSecret) };
}

/**
 * `OAuth realm="…", name="value", …` with names and values percent-encoded.
 * @see RFC 5849 §3.5.1
 */
export function createAuthorizationHeader(protocolParameters: Iterable<Parameter>, realm: string | null = null): string {
  const parts: string[] = realm === null ? [] : [`realm="${realm.replace(/["\\]/g, "\\$&")}"`];
  for (const [name, value] of protocolParameters) parts.push(`${percentEncode(name)}="${percentEncode(value)}"`);
  return `OAuth ${parts.join(", ")}`;
}
