// RFC 9068 JWT access tokens: header typ "at+jwt" with the signing key's kid, claims
// iss sub aud exp nbf iat jti client_id scope (§2.2), scope space-delimited (§2.2.3).
// User tokens also carry grant_id, so the API can refuse tokens of a revoked grant.
import { randomUUID } from "node:crypto";
import { errors as joseErrors, jwtVerify, SignJWT, type CryptoKey, type JWTPayload, type KeyObject } from "jose";
import { BearerTokenError } from "./bearer-token.ts";

export type VerificationKey = CryptoKey | KeyObject;

export type AccessTokenClaims = Readonly<{
  iss: string;
  /** the user id, or the client id for client-credentials tokens (RFC 9068 §2.2) */
  sub: string;
  aud: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  client_id: string;
  scope: string;
  /** the user's grant; absent on client-credentials tokens */
  grant_id?: string;
}>;

export type SigningKeyInUse = Readonly<{ kid: string; alg: string; privateKey: VerificationKey }>;

/** the resource the tokens are for: fitgate's own API, under the issuer */
export function audienceOf(issuer: URL): string {
  return `${issuer.href.replace(/\/$/, "")}/api`;
}

export function createAccessTokenClaims(input: {
  issuer: URL;
  subject: string;
  clientId: string;
  scopes: readonly string[];
  grantId: string | null;
  now: Date;
  expiresInSeconds: number;
}): AccessTokenClaims {
  const iat = Math.floor(input.now.getTime() / 1000);
  return {
    iss: input.issuer.href.replace(/\/$/, ""),
    sub: input.subject,
    aud: audienceOf(input.issuer),
    exp: iat + input.expiresInSeconds,
    nbf: iat,
    iat,
    jti: randomUUID(),
    client_id: input.clientId,
    scope: input.scopes.join(" "),
    ...(input.grantId === null ? {} : { grant_id: input.grantId }),
  };
}

export function signAccessToken(claims: AccessTokenClaims, key: SigningKeyInUse): Promise<string> {
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "at+jwt" }).sign(key.privateKey);
}

/**
 * Leeway for nbf and exp: tokens are dated to the whole second on the node that issued them, so
 * a node whose clock is a fraction of a second behind would otherwise see a fresh token as
 * "not yet valid" (a spurious 401 right after issuance in a multi-node deployment).
 */
export const CLOCK_TOLERANCE_SECONDS = 5;

export type VerifyOptions = Readonly<{
  issuer: URL;
  now: Date;
  /** the public key for a kid, or null when unknown */
  keyFor(kid: string): Promise<VerificationKey | null>;
}>;

/** RFC 9068 §4: signature, typ, iss, aud, exp, nbf; then every claim checked for its type */
export async function verifyAccessToken(token: string, options: VerifyOptions): Promise<AccessTokenClaims> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, async (header) => {
      const key = typeof header.kid === "string" ? await options.keyFor(header.kid) : null;
      if (key === null) throw new joseErrors.JWKSNoMatchingKey();
      return key;
    }, {
      issuer: options.issuer.href.replace(/\/$/, ""),
      audience: audienceOf(options.issuer),
      typ: "at+jwt",
      algorithms: ["RS256", "ES256", "PS256", "EdDSA"],
      currentDate: options.now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["exp", "iat", "jti", "sub"],
    }));
  } catch (error) {
    const reason = error instanceof joseErrors.JWTExpired ? "The access token expired" : "The access token is not valid";
    throw new BearerTokenError("invalid_token", reason, { detail: error instanceof Error ? error.message : String(error) });
  }
  return parseClaims(payload);
}

function parseClaims(payload: JWTPayload): AccessTokenClaims {
  const text = (name: string): string => {
    const value = payload[name];
    if (typeof value !== "string" || value === "") throw new BearerTokenError("invalid_token", "The access token is not valid", { detail: `claim ${name} missing` });
    return value;
  };
  const number = (name: string): number => {
    const value = payload[name];
    if (typeof value !== "number") throw new BearerTokenError("invalid_token", "The access token is not valid", { detail: `claim ${name} missing` });
    return value;
  };
  const grantId = payload.grant_id;
  if (grantId !== undefined && typeof grantId !== "string") throw new BearerTokenError("invalid_token", "The access token is not valid", { detail: "grant_id" });
  const scope = payload.scope ?? "";
  if (typeof scope !== "string") throw new BearerTokenError("invalid_token", "The access token is not valid", { detail: "scope" });
  return {
    iss: text("iss"), sub: text("sub"), aud: typeof payload.aud === "string" ? payload.aud : text("aud"),
    exp: number("exp"), nbf: typeof payload.nbf === "number" ? payload.nbf : number("iat"), iat: number("iat"),
    jti: text("jti"), client_id: text("client_id"), scope,
    ...(grantId === undefined ? {} : { grant_id: grantId }),
  };
}
