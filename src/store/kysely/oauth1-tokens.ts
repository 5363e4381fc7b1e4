// OAuth 1 request and access tokens (RFC 5849 §2). The oauth_token is an identifier; its secret
// is sealed with the master key and the verifier stored only as a hash. Each step is one
// conditional write, so a token is authorized once and exchanged once even under races.
import { isPlausibleToken, type OAuth1Token } from "../../protocol/oauth1/tokens.ts";
import type { Db, OAuth1TokenTable } from "./schema.ts";
import { fromSeconds, fromSecondsOrNull, toSeconds } from "./time.ts";

export function oauth1TokenFromRow(row: OAuth1TokenTable): OAuth1Token {
  return {
    token: row.token,
    kind: row.kind,
    clientId: row.client_id,
    userId: row.user_id,
    grantId: row.grant_id,
    secretSealed: row.secret_sealed,
    callbackUrl: row.callback_url,
    verifierHash: row.verifier_hash,
    scopes: row.scopes.split(" ").filter((s) => s !== ""),
    createdAt: fromSeconds(Number(row.created_at)),
    expiresAt: fromSecondsOrNull(row.expires_at === null ? null : Number(row.expires_at)),
    authorizedAt: fromSecondsOrNull(row.authorized_at === null ? null : Number(row.authorized_at)),
    consumedAt: fromSecondsOrNull(row.consumed_at === null ? null : Number(row.consumed_at)),
    revokedAt: fromSecondsOrNull(row.revoked_at === null ? null : Number(row.revoked_at)),
  };
}

/** what the issuer decides; the rest (times of authorization, use, revocation) the store sets */
export type NewOAuth1Token = Pick<OAuth1Token,
  "token" | "kind" | "clientId" | "userId" | "grantId" | "secretSealed" | "callbackUrl" | "scopes" | "expiresAt">;

export async function insertOAuth1Token(db: Db, token: NewOAuth1Token, now: Date): Promise<OAuth1Token> {
  const row = await db.insertInto("oauth1_tokens").values({
    token: token.token, kind: token.kind, client_id: token.clientId, user_id: token.userId, grant_id: token.grantId,
    secret_sealed: token.secretSealed, callback_url: token.callbackUrl, verifier_hash: null, scopes: token.scopes.join(" "),
    created_at: toSeconds(now), expires_at: token.expiresAt === null ? null : toSeconds(token.expiresAt),
    authorized_at: token.kind === "access" ? toSeconds(now) : null, consumed_at: null, revoked_at: null,
  }).returningAll().executeTakeFirstOrThrow();
  return oauth1TokenFromRow(row);
}

export async function findOAuth1Token(db: Db, token: string): Promise<OAuth1Token | null> {
  if (!isPlausibleToken(token)) return null;
  const row = await db.selectFrom("oauth1_tokens").selectAll().where("token", "=", token).executeTakeFirst();
  return row === undefined ? null : oauth1TokenFromRow(row);
}

function usableRequestToken(db: Db, token: string, now: Date) {
  return db.updateTable("oauth1_tokens")
    .where("token", "=", token).where("kind", "=", "request")
    .where("consumed_at", "is", null).where("expires_at", ">", toSeconds(now));
}

/** the user allowed access: records who and the verifier's hash, once; null if not possible */
export async function authorizeRequestToken(db: Db, token: string, userId: string, verifierHash: string, now: Date): Promise<OAuth1Token | null> {
  const row = await usableRequestToken(db, token, now)
    .where("authorized_at", "is", null)
    .set({ user_id: userId, verifier_hash: verifierHash, authorized_at: toSeconds(now) })
    .returningAll().executeTakeFirst();
  return row === undefined ? null : oauth1TokenFromRow(row);
}

/** the user denied access: the request token is used up */
export async function denyRequestToken(db: Db, token: string, now: Date): Promise<OAuth1Token | null> {
  const row = await usableRequestToken(db, token, now).where("authorized_at", "is", null)
    .set({ consumed_at: toSeconds(now) }).returningAll().executeTakeFirst();
  return row === undefined ? null : oauth1TokenFromRow(row);
}

/** single use: the authorized request token with this verifier, consumed now; null otherwise */
export async function consumeRequestToken(db: Db, token: string, clientId: string, verifierHash: string, now: Date): Promise<OAuth1Token | null> {
  const row = await usableRequestToken(db, token, now)
    .where("client_id", "=", clientId).where("authorized_at", "is not", null).where("verifier_hash", "=", verifierHash)
    .set({ consumed_at: toSeconds(now) }).returningAll().executeTakeFirst();
  return row === undefined ? null : oauth1TokenFromRow(row);
}

/** the application gave its access token up (POST /oauth/revoke) */
export async function revokeOAuth1AccessToken(db: Db, token: string, clientId: string, now: Date): Promise<boolean> {
  const result = await db.updateTable("oauth1_tokens").set({ revoked_at: toSeconds(now) })
    .where("token", "=", token).where("client_id", "=", clientId).where("kind", "=", "access").where("revoked_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** request tokens past their expiry are of no use to anyone */
export async function deleteExpiredRequestTokens(db: Db, now: Date): Promise<void> {
  await db.deleteFrom("oauth1_tokens").where("kind", "=", "request").where("expires_at", "<", toSeconds(now) - 86_400).execute();
}

