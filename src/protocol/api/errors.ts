// The API's error family (SPEC §4): `{"error":{"code":N,"message":"…"}}` with a stable numeric
// code table. Codes 2–9, 13, 14, 101, 106, 107, 108 mean what they mean on FatSecret's
// platform API; the others are fitgate's own. Bearer failures also carry RFC 6750 §3's
// WWW-Authenticate challenge.

export type ApiErrorDefinition = Readonly<{ code: number; status: number; title: string; meaning: string }>;

/** the documented table; never renumber, only append */
export const API_ERROR_CODES: readonly ApiErrorDefinition[] = Object.freeze([
  { code: 1, status: 500, title: "Unknown error", meaning: "Something failed on fitgate's side; the request id in x-request-id helps the operator find it." },
  { code: 2, status: 401, title: "Missing required oauth parameter", meaning: "OAuth 1.0: a protocol parameter such as oauth_signature is absent." },
  { code: 3, status: 400, title: "Unsupported oauth parameter", meaning: "OAuth 1.0: a protocol parameter has a value fitgate does not accept (oauth_version, duplicates)." },
  { code: 4, status: 400, title: "Invalid signature method", meaning: "OAuth 1.0: use HMAC-SHA1 or HMAC-SHA256 (PLAINTEXT only over TLS)." },
  { code: 5, status: 401, title: "Invalid consumer key", meaning: "OAuth 1.0: no application has this oauth_consumer_key." },
  { code: 6, status: 401, title: "Invalid/expired timestamp", meaning: "OAuth 1.0: oauth_timestamp is outside the accepted window; check the clock." },
  { code: 7, status: 401, title: "Invalid/used nonce", meaning: "OAuth 1.0: this oauth_nonce was already used with this timestamp." },
  { code: 8, status: 401, title: "Invalid signature", meaning: "OAuth 1.0: the signature does not match; check the base string, URL and secrets." },
  { code: 9, status: 401, title: "Invalid access token", meaning: "OAuth 1.0: the oauth_token is unknown, not an access token, or was revoked." },
  { code: 10, status: 401, title: "Missing credentials", meaning: "Send `Authorization: Bearer <token>` or sign the request with OAuth 1.0." },
  { code: 13, status: 401, title: "Invalid token", meaning: "OAuth 2.0: the Bearer token is malformed, expired, revoked or not issued for this API." },
  { code: 14, status: 403, title: "Missing scope", meaning: "The credentials lack the scope this method needs (named in the message)." },
  { code: 15, status: 403, title: "User authorization required", meaning: "The method reads or writes a user's data: use credentials a user granted (authorization code or 3-legged OAuth 1.0), not client credentials or 2-legged OAuth 1.0." },
  { code: 101, status: 400, title: "Missing required parameter", meaning: "A required parameter is absent or empty." },
  { code: 104, status: 404, title: "Unknown method", meaning: "No API method or path has this name." },
  { code: 106, status: 404, title: "Invalid ID", meaning: "No such food, serving or entry, or it belongs to another user." },
  { code: 107, status: 400, title: "Value out of range", meaning: "A number, date or text is outside the accepted range or length." },
  { code: 108, status: 400, title: "Invalid type", meaning: "A parameter has the wrong type (e.g. text where a whole number is expected) or an unknown value." },
  { code: 110, status: 400, title: "Malformed request", meaning: "The body could not be read: invalid JSON or form encoding." },
  { code: 111, status: 413, title: "Request too large", meaning: "The body is larger than fitgate accepts." },
  { code: 112, status: 415, title: "Unsupported content type", meaning: "Send parameters in the query string, as application/x-www-form-urlencoded, or as a JSON object." },
  { code: 113, status: 405, title: "Method not allowed", meaning: "This path does not accept this HTTP method." },
  { code: 120, status: 429, title: "Too many requests", meaning: "Slow down and retry after the number of seconds in Retry-After." },
]);

const BY_CODE = new Map(API_ERROR_CODES.map((d) => [d.code, d]));

export class ApiError extends Error {
  readonly code: number;
  readonly status: number;
  /** the RFC 6750 challenge to send, for errors of Bearer-authenticated calls */
  readonly wwwAuthenticate: string | null;
  /** kept for logs only, never sent */
  readonly detail: string | null;
  constructor(code: number, message: string, options: { wwwAuthenticate?: string | null; detail?: string; status?: number } = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = options.status ?? BY_CODE.get(code)?.status ?? 400;
    this.wwwAuthenticate = options.wwwAuthenticate ?? null;
    this.detail = options.detail ?? null;
  }
}

export function errorBodyOf(error: ApiError): { error: { code: number; message: string } } {
  return { error: { code: error.code, message: error.message } };
}

export const missingParameter = (name: string) => new ApiError(101, `Missing required parameter: '${name}'`);
export const invalidType = (name: string, expected: string) => new ApiError(108, `Invalid type: '${name}' must be ${expected}`);
export const outOfRange = (name: string, range: string) => new ApiError(107, `Value out of range: '${name}' must be ${range}`);
export const invalidId = (name: string) => new ApiError(106, `Invalid ID: no ${name} with this id`);
export const unknownMethod = (name: string) => new ApiError(104, `Unknown method: '${name.slice(0, 100)}'`);
