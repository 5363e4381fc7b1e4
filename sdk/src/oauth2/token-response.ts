// RFC 6749 §5.1 (successful token response) and §5.2 (error response), read with explicit
// checks. Inside the SDK a token set is camelCase with an absolute expiry; on the wire it is
// the RFC's snake_case with a relative expires_in.
import { InvalidResponseError, OAuth2Error } from "../errors.ts";
import { isJsonObject, readJsonBody, readOptionalString, readString, type JsonObject } from "../http.ts";

export type TokenSet = Readonly<{
  accessToken: string;
  /** "Bearer" for every server this SDK knows */
  tokenType: string;
  /** null when the server did not say (RFC 6749 §5.1: expires_in is RECOMMENDED, not required) */
  expiresAt: Date | null;
  refreshToken: string | null;
  /** the granted scopes; null when the response omitted scope (then it equals the requested one, §5.1) */
  scope: readonly string[] | null;
}>;

/**
 * Parses a successful token response. `expires_in` may arrive as a number or, from some servers,
 * a numeric string; anything else is refused.
 * @see RFC 6749 §5.1
 */
export function parseTokenResponse(body: unknown, now: Date): TokenSet {
  const where = "token response";
  if (!isJsonObject(body)) throw new InvalidResponseError(`${where}: expected a JSON object`);
  const accessToken = readString(body, "access_token", where);
  const tokenType = readString(body, "token_type", where);
  if (tokenType.toLowerCase() !== "bearer") throw new InvalidResponseError(`${where}: unsupported token_type "${tokenType}"`);
  const expiresInSeconds = parseExpiresIn(body, where);
  const refreshToken = readOptionalString(body, "refresh_token", where);
  const scope = parseScopeMember(body, where);
  return {
    accessToken,
    tokenType: "Bearer",
    expiresAt: expiresInSeconds === null ? null : new Date(now.getTime() + expiresInSeconds * 1000),
    refreshToken: refreshToken === "" ? null : refreshToken,
    scope,
  };
}

function parseExpiresIn(body: JsonObject, where: string): number | null {
  const value = body.expires_in;
  if (value === undefined || value === null) return null;
  const seconds = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof seconds !== "number" || !Number.isSafeInteger(seconds) || seconds < 0) {
    throw new InvalidResponseError(`${where}: "expires_in" must be a non-negative integer`);
  }
  return seconds;
}

function parseScopeMember(body: JsonObject, where: string): string[] | null {
  const value = body.scope;
  if (value === undefined || value === null) return null;
  // RFC 6749 says a space-delimited string; FatSecret's JWT claims carry arrays, accept both
  if (typeof value === "string") return value.split(" ").filter((s) => s !== "");
  if (Array.isArray(value) && value.every((s) => typeof s === "string")) return [...value];
  throw new InvalidResponseError(`${where}: "scope" must be a space-delimited string`);
}

/**
 * Turns a non-2xx answer of a token-style endpoint into OAuth2Error, or InvalidResponseError
 * when the body is not an RFC 6749 §5.2 error object.
 * @see RFC 6749 §5.2
 */
export function parseErrorResponse(body: unknown, status: number): OAuth2Error | InvalidResponseError {
  if (!isJsonObject(body) || typeof body.error !== "string" || body.error === "") {
    return new InvalidResponseError(`expected an RFC 6749 error object with HTTP ${status}`, status);
  }
  const description = typeof body.error_description === "string" ? body.error_description : null;
  return new OAuth2Error(body.error, description, status);
}

/** reads a token-endpoint answer: 200 → TokenSet, anything else → the thrown protocol error */
export async function readTokenResponse(response: Response, now: Date): Promise<TokenSet> {
  const body = await readJsonBody(response, "token endpoint");
  if (response.status !== 200) throw parseErrorResponse(body, response.status);
  return parseTokenResponse(body, now);
}

/** the JSON a token store keeps: RFC names, absolute expiry in epoch seconds */
export function serializeTokenSet(tokens: TokenSet): Record<string, unknown> {
  return {
    access_token: tokens.accessToken,
    token_type: tokens.tokenType,
    expires_at: tokens.expiresAt === null ? null : Math.floor(tokens.expiresAt.getTime() / 1000),
    refresh_token: tokens.refreshToken,
    scope: tokens.scope === null ? null : tokens.scope.join(" "),
  };
}

export function parseStoredTokenSet(value: unknown): TokenSet {
  const where = "stored token set";
  if (!isJsonObject(value)) throw new InvalidResponseError(`${where}: expected an object`);
  const expiresAt = value.expires_at;
  if (expiresAt !== null && (typeof expiresAt !== "number" || !Number.isSafeInteger(expiresAt))) {
    throw new InvalidResponseError(`${where}: "expires_at" must be epoch seconds or null`);
  }
  return {
    accessToken: readString(value, "access_token", where),
    tokenType: readString(value, "token_type", where),
    expiresAt: expiresAt === null ? null : new Date(expiresAt * 1000),
    refreshToken: readOptionalString(value, "refresh_token", where),
    scope: parseScopeMember(value, where),
  };
}
