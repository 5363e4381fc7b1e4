// RFC 6750 Bearer verification for fitgate's protected API (SPEC §4): the JWT (signature by a
// key in signing_keys, typ at+jwt, iss, aud, exp/nbf), then what a signature cannot say — the
// token was not revoked (jti), its user grant is still live, and for client-credentials tokens
// the client still exists and the token is younger than the client's last secret rotation.
// Failures throw BearerTokenError carrying the RFC 6750 code, status and WWW-Authenticate value.
import type { FastifyRequest } from "fastify";
import type { ApiCaller } from "../protocol/api-caller.ts";
import { verifyAccessToken, type AccessTokenClaims } from "../protocol/oauth2/access-token.ts";
import { BearerTokenError, checkScopes, parseBearerAuthorization } from "../protocol/oauth2/bearer-token.ts";
import { findClientById } from "../store/kysely/clients.ts";
import { findGrantById, touchGrantIfStale } from "../store/kysely/grants.ts";
import { isAccessTokenRevoked } from "../store/kysely/revoked-access-tokens.ts";
import type { AppDeps } from "./deps.ts";
import { findVerificationKey, longestTokenSecondsOf } from "./oauth2-keys.ts";

export { BearerTokenError } from "../protocol/oauth2/bearer-token.ts";

/** true when the request carries `Authorization: Bearer …` (else another scheme or none) */
export function hasBearerAuthorization(request: FastifyRequest): boolean {
  return /^Bearer\b/i.test(request.headers.authorization ?? "");
}

/**
 * The API caller behind `Authorization: Bearer <JWT>`, with every scope in `requiredScopes`.
 * @throws BearerTokenError (invalid_request 400, invalid_token 401, insufficient_scope 403)
 * @see RFC 6750 §2.1, §3.1; RFC 9068 §4
 */
export async function verifyBearerRequest(request: FastifyRequest, deps: AppDeps, requiredScopes: readonly string[] = []): Promise<ApiCaller> {
  const token = parseBearerAuthorization(request.headers.authorization);
  if (token === null) throw new BearerTokenError("invalid_request", "An access token is required", { credentialsMissing: true });
  const caller = await verifyBearerToken(token, deps);
  checkScopes(caller.scopes, requiredScopes);
  return caller;
}

/** the claims of a live access token; also used by introspection */
export async function findLiveAccessToken(token: string, deps: AppDeps): Promise<AccessTokenClaims> {
  const now = deps.now();
  const longest = longestTokenSecondsOf(deps.config);
  const claims = await verifyAccessToken(token, { issuer: deps.config.issuer, now, keyFor: (kid) => findVerificationKey(deps, kid, longest) });
  const [revoked] = await Promise.all([isAccessTokenRevoked(deps.db, claims.jti), checkTokenSource(claims, deps, now)]);
  if (revoked) throw new BearerTokenError("invalid_token", "The access token was revoked");
  return claims;
}

export async function verifyBearerToken(token: string, deps: AppDeps): Promise<ApiCaller> {
  const claims = await findLiveAccessToken(token, deps);
  const scopes = claims.scope.split(" ").filter((s) => s !== "");
  return claims.grant_id === undefined
    ? { protocol: "oauth2", clientId: claims.client_id, userId: null, grantId: null, scopes }
    : { protocol: "oauth2", clientId: claims.client_id, userId: claims.sub, grantId: claims.grant_id, scopes };
}

async function checkTokenSource(claims: AccessTokenClaims, deps: AppDeps, now: Date): Promise<void> {
  if (claims.grant_id !== undefined) {
    const grant = await findGrantById(deps.db, claims.grant_id);
    if (grant === null || grant.revokedAt !== null || grant.clientId !== claims.client_id || grant.userId !== claims.sub) {
      throw new BearerTokenError("invalid_token", "The access was revoked", { detail: `grant ${claims.grant_id} not live` });
    }
    await touchGrantIfStale(deps.db, grant, now);
    return;
  }
  // client credentials: deleting the app or rotating its secret ends these tokens
  const client = await findClientById(deps.db, claims.client_id);
  if (client === null || client.type !== "confidential" || claims.sub !== claims.client_id) {
    throw new BearerTokenError("invalid_token", "The access token is not valid", { detail: "client gone" });
  }
  if (claims.iat < Math.floor(client.secretRotatedAt.getTime() / 1000)) {
    throw new BearerTokenError("invalid_token", "The access token was issued before the client secret was rotated");
  }
}
