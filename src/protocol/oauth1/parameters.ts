// RFC 5849 §3.5 (where protocol parameters travel: the Authorization header §3.5.1, a form
// body §3.5.2, the query §3.5.3) and §3.4.1.3.1 (which parameters are signed). A protocol
// parameter may appear once across all three; realm is ignored.
import { percentDecode, type Parameter } from "../../../sdk/src/oauth1/signature.ts";
import { parameterAbsent, parameterRejected } from "./problems.ts";

export type SignedRequestInput = Readonly<{
  method: string;
  /** the public URL (issuer + path + query), as the client addressed it */
  url: URL;
  /** the Authorization header, or null */
  authorization: string | null;
  /** the body when it is application/x-www-form-urlencoded, else null (§3.4.1.3.1) */
  formBody: URLSearchParams | null;
}>;

export type ProtocolParameters = Readonly<{
  consumerKey: string;
  token: string | null;
  signatureMethod: string;
  signature: string;
  timestamp: string;
  nonce: string;
  callback: string | null;
  verifier: string | null;
}>;

export type CollectedParameters = Readonly<{
  protocol: ProtocolParameters;
  /** every parameter the signature covers except the query's (which stay in the URL) */
  signed: readonly Parameter[];
}>;

const AUTH_SCHEME = /^OAuth(?:\s+|$)/i;
const HEADER_PARAMETER = /^([A-Za-z0-9_\-.~%]+)="([^"\\]*(?:\\.[^"\\]*)*)"\s*(?:,\s*|$)/;
const MAX_VALUE_LENGTH = 2048;
// keys, tokens, nonces, callbacks and signatures are printable; PostgreSQL cannot even store a NUL
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** true when the header uses the OAuth scheme (a Bearer or Basic header is not ours) */
export function isOAuthAuthorization(header: string | null): header is string {
  return header !== null && AUTH_SCHEME.test(header);
}

/**
 * `OAuth realm="x", oauth_consumer_key="…", …` → decoded name/value pairs, realm left out.
 * @see RFC 5849 §3.5.1
 */
export function parseAuthorizationHeader(header: string): Parameter[] {
  let rest = header.replace(AUTH_SCHEME, "").trim();
  const parameters: Parameter[] = [];
  while (rest !== "") {
    const match = HEADER_PARAMETER.exec(rest);
    if (match === null) {
      throw parameterRejected("Authorization", 'The Authorization header is malformed: expected OAuth name="percent-encoded value", name="…" (RFC 5849 §3.5.1).');
    }
    rest = rest.slice(match[0].length);
    const name = percentDecode(match[1] ?? "");
    const value = name === "realm" ? "" : percentDecode(match[2] ?? "");
    if (name === null || value === null) {
      throw parameterRejected(match[1] ?? "", `The Authorization header parameter ${match[1]} is not correctly percent-encoded (RFC 5849 §3.6).`);
    }
    if (name !== "realm") parameters.push([name, value]);
  }
  return parameters;
}

/**
 * Gathers the parameters of a signed request and the protocol parameters among them.
 * @see RFC 5849 §3.4.1.3.1, §3.5
 */
export function collectParameters(input: SignedRequestInput): CollectedParameters {
  const header = isOAuthAuthorization(input.authorization) ? parseAuthorizationHeader(input.authorization) : [];
  const body: Parameter[] = input.formBody === null ? [] : [...input.formBody];
  const everywhere: Parameter[] = [...header, ...body, ...input.url.searchParams];
  const protocol = new Map<string, string>();
  for (const [name, value] of everywhere) {
    if (!name.startsWith("oauth_")) continue;
    if (protocol.has(name)) {
      throw parameterRejected(name, `${name} appears more than once (across the Authorization header, body and query); send each protocol parameter once (RFC 5849 §3.5).`);
    }
    if (value.length > MAX_VALUE_LENGTH) throw parameterRejected(name, `${name} is longer than ${MAX_VALUE_LENGTH} characters.`);
    if (CONTROL_CHARACTER.test(value)) throw parameterRejected(name, `${name} contains a control character (such as NUL or a line break); protocol parameter values are printable text.`);
    protocol.set(name, value);
  }
  const required = (name: string): string => {
    const value = protocol.get(name);
    if (value === undefined || value === "") throw parameterAbsent(name);
    return value;
  };
  const version = protocol.get("oauth_version");
  // "1.0A" is not in the RFC, but the `oauth` library's own README tells clients to send it
  if (version !== undefined && !/^1\.0a?$/i.test(version)) {
    throw parameterRejected("oauth_version", `oauth_version must be "1.0" when sent, not "${version}".`);
  }
  return {
    protocol: {
      consumerKey: required("oauth_consumer_key"),
      signatureMethod: required("oauth_signature_method"),
      signature: required("oauth_signature"),
      timestamp: required("oauth_timestamp"),
      nonce: required("oauth_nonce"),
      token: protocol.get("oauth_token") || null,
      callback: protocol.get("oauth_callback") ?? null,
      verifier: protocol.get("oauth_verifier") ?? null,
    },
    signed: [...header, ...body],
  };
}
