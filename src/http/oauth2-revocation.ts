// RFC 7009 revocation and RFC 7662 introspection of fitgate's two token kinds: JWT access
// tokens (revoked by jti until they expire) and refresh tokens (revoking one ends its grant,
// as RFC 7009 §2.1 suggests: the app is signing the person out, so nothing of the grant lives on).
import type { Client } from "../domain/client.ts";
import { BearerTokenError } from "../protocol/oauth2/bearer-token.ts";
import { OAuth2Error } from "../protocol/oauth2/errors.ts";
import { requireParameter } from "../protocol/oauth2/token-request.ts";
import { sha256Hex } from "../security/random.ts";
import { findGrantById, revokeGrant } from "../store/kysely/grants.ts";
import { findRefreshToken } from "../store/kysely/refresh-tokens.ts";
import { insertRevokedAccessToken } from "../store/kysely/revoked-access-tokens.ts";
import { findLiveAccessToken } from "./bearer.ts";
import type { AppDeps } from "./deps.ts";

const looksLikeJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

async function findLiveRefreshToken(token: string, deps: AppDeps) {
  const stored = await findRefreshToken(deps.db, sha256Hex(token));
  if (stored === null || stored.revokedAt !== null || stored.rotatedAt !== null) return null;
  const grant = await findGrantById(deps.db, stored.grantId);
  return grant === null || grant.revokedAt !== null ? null : { stored, grant };
}

async function findAccessTokenClaims(token: string, deps: AppDeps) {
  try {
    return await findLiveAccessToken(token, deps);
  } catch (error) {
    if (error instanceof BearerTokenError) return null;
    throw error;
  }
}

/** RFC 7009 §2.1: a client may revoke only its own tokens; anything else is silently ignored */
export async function revokeToken(form: URLSearchParams, client: Client, deps: AppDeps): Promise<void> {
  const token = requireParameter(form, "token");
  const now = deps.now();
  if (looksLikeJwt(token)) {
    const claims = await findAccessTokenClaims(token, deps);
    if (claims !== null && claims.client_id === client.id) await insertRevokedAccessToken(deps.db, claims.jti, new Date(claims.exp * 1000));
    return;
  }
  const live = await findLiveRefreshToken(token, deps);
  if (live !== null && live.stored.clientId === client.id) await revokeGrant(deps.db, live.grant.id, now);
}

/** RFC 7662 §2.2; who may introspect is an application setting (mayIntrospect) */
export async function introspectToken(form: URLSearchParams, client: Client, deps: AppDeps): Promise<Record<string, unknown>> {
  if (!client.mayIntrospect) throw new OAuth2Error("unauthorized_client", "this application may not introspect tokens", { status: 403 });
  const token = requireParameter(form, "token");
  if (looksLikeJwt(token)) {
    const claims = await findAccessTokenClaims(token, deps);
    if (claims === null) return { active: false };
    return { active: true, token_type: "Bearer", scope: claims.scope, client_id: claims.client_id, sub: claims.sub, aud: claims.aud, iss: claims.iss, exp: claims.exp, iat: claims.iat, nbf: claims.nbf, jti: claims.jti };
  }
  const live = await findLiveRefreshToken(token, deps);
  if (live === null) return { active: false };
  return {
    active: true, token_type: "refresh_token", scope: live.stored.scopes.join(" "), client_id: live.stored.clientId, sub: live.grant.userId,
    iss: deps.config.issuer.href.replace(/\/$/, ""), iat: Math.floor(live.stored.createdAt.getTime() / 1000),
  };
}
