// The three grants of the token endpoint (RFC 6749 §4.1.3, §6, §4.4), each a list of steps over
// the store. Single use is one conditional UPDATE inside the transaction that issues the tokens.
import type { Client } from "../domain/client.ts";
import { isAddressAllowed } from "../domain/cidr.ts";
import { invalidClient, invalidGrant, unauthorizedClient } from "../protocol/oauth2/errors.ts";
import { checkCodeVerifier } from "../protocol/oauth2/pkce.ts";
import { narrowRefreshScopes, resolveClientCredentialsScopes } from "../protocol/oauth2/scope.ts";
import { requireParameter } from "../protocol/oauth2/token-request.ts";
import { generateSecret, sha256Hex } from "../security/random.ts";
import { consumeAuthorizationCode, findAuthorizationCode } from "../store/kysely/authorization-codes.ts";
import { findGrantById, revokeGrant, touchGrant } from "../store/kysely/grants.ts";
import { consumeRefreshToken, findRefreshToken, insertRefreshToken } from "../store/kysely/refresh-tokens.ts";
import type { AppDeps } from "./deps.ts";
import { createTokenResponse, issueAccessToken, type TokenResponse } from "./oauth2-tokens.ts";

/** RFC 9700 §4.14.2: refresh tokens of public clients always rotate; confidential ones choose */
export function rotatesRefreshTokens(client: Client): boolean {
  return client.type === "public" || client.refreshRotation;
}

/** RFC 6749 §4.1.3, RFC 7636 §4.6 */
export async function exchangeAuthorizationCode(form: URLSearchParams, client: Client, deps: AppDeps): Promise<TokenResponse> {
  const now = deps.now();
  const codeId = sha256Hex(requireParameter(form, "code"));
  const redirectUri = form.get("redirect_uri");
  const refreshToken = generateSecret();
  const code = await deps.db.transaction().execute(async (trx) => {
    const consumed = await consumeAuthorizationCode(trx, codeId, client.id, now);
    if (consumed === null) return null;
    // OAuth 2.1 §4.1.3: redirect_uri may be left out (MapMyFitness, seed 001), but when sent it must match
    if (redirectUri !== null && redirectUri !== consumed.redirectUri) throw invalidGrant("redirect_uri does not match the authorization request");
    checkCodeVerifier(consumed.codeChallenge, form.get("code_verifier"));
    const grant = await findGrantById(trx, consumed.grantId);
    if (grant === null || grant.revokedAt !== null) throw invalidGrant("the authorization was revoked");
    await insertRefreshToken(trx, { id: sha256Hex(refreshToken), grantId: grant.id, clientId: client.id, authorizationCodeId: consumed.id, scopes: consumed.scopes, createdAt: now });
    await touchGrant(trx, grant.id, now);
    return consumed;
  });
  if (code === null) throw await refuseUnusableCode(codeId, client, deps, now);
  const issued = await issueAccessToken(deps, {
    subject: code.userId, clientId: client.id, scopes: code.scopes, grantId: code.grantId, expiresInSeconds: deps.config.accessTokenTtlSeconds, now,
  });
  return createTokenResponse(issued, refreshToken, code.userId);
}

/** RFC 6749 §4.1.2: a replayed code revokes what it issued — here the whole grant, as every token points to it */
async function refuseUnusableCode(codeId: string, client: Client, deps: AppDeps, now: Date): Promise<Error> {
  const code = await findAuthorizationCode(deps.db, codeId);
  if (code === null || code.clientId !== client.id) return invalidGrant("the authorization code is not valid");
  if (code.consumedAt !== null) {
    await revokeGrant(deps.db, code.grantId, now);
    return invalidGrant("the authorization code was already used", `replayed code of grant ${code.grantId}: grant revoked`);
  }
  return invalidGrant("the authorization code expired");
}

/** RFC 6749 §6 with rotation and reuse detection (RFC 9700 §4.14.2) */
export async function exchangeRefreshToken(form: URLSearchParams, client: Client, deps: AppDeps): Promise<TokenResponse> {
  const now = deps.now();
  const presented = requireParameter(form, "refresh_token");
  const stored = await findRefreshToken(deps.db, sha256Hex(presented));
  if (stored === null || stored.clientId !== client.id || stored.revokedAt !== null) throw invalidGrant("the refresh token is not valid");
  const grant = await findGrantById(deps.db, stored.grantId);
  if (grant === null || grant.revokedAt !== null) throw invalidGrant("the authorization was revoked");
  // a scope the application lost since (its developer narrowed it) is not handed out again
  const scopes = narrowRefreshScopes(form.get("scope"), stored.scopes).filter((s) => client.scopes.includes(s));
  let refreshToken = presented;
  if (rotatesRefreshTokens(client) || stored.rotatedAt !== null) {
    refreshToken = generateSecret();
    const rotated = await deps.db.transaction().execute(async (trx) => {
      if (!(await consumeRefreshToken(trx, stored.id, now))) return false;
      // §6: the new refresh token keeps the scope of the one it replaces
      await insertRefreshToken(trx, { id: sha256Hex(refreshToken), grantId: grant.id, clientId: client.id, authorizationCodeId: stored.authorizationCodeId, scopes: stored.scopes, createdAt: now });
      return true;
    });
    if (!rotated) {
      await revokeGrant(deps.db, grant.id, now);
      throw invalidGrant("the refresh token was already used", `refresh token reuse on grant ${grant.id}: grant revoked`);
    }
  }
  await touchGrant(deps.db, grant.id, now);
  const issued = await issueAccessToken(deps, {
    subject: grant.userId, clientId: client.id, scopes, grantId: grant.id, expiresInSeconds: deps.config.accessTokenTtlSeconds, now,
  });
  return createTokenResponse(issued, refreshToken, grant.userId);
}

/** RFC 6749 §4.4; FatSecret (seed 004): only from the client's registered address ranges */
export async function issueClientCredentialsToken(form: URLSearchParams, client: Client, address: string, deps: AppDeps): Promise<TokenResponse> {
  if (client.type !== "confidential") throw unauthorizedClient("client_credentials is for confidential clients only");
  if (client.cidrs.length > 0 && !isAddressAllowed(client.cidrs, address)) {
    throw invalidClient("token requests are not allowed from this address", `address ${address} outside the allowlist`);
  }
  const scopes = resolveClientCredentialsScopes(form.get("scope"), client);
  const now = deps.now();
  const issued = await issueAccessToken(deps, {
    subject: client.id, clientId: client.id, scopes, grantId: null, expiresInSeconds: deps.config.clientTokenTtlSeconds, now,
  });
  return createTokenResponse(issued, null, null);
}
