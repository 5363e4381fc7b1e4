// RFC 7009 for JWT access tokens: a revoked token's jti is kept until the token would have
// expired anyway, and the Bearer verifier refuses any jti found here.
import type { Db } from "./schema.ts";
import { toSeconds } from "./time.ts";

export async function insertRevokedAccessToken(db: Db, jti: string, expiresAt: Date): Promise<void> {
  await db.insertInto("revoked_access_tokens").values({ jti, expires_at: toSeconds(expiresAt) })
    .onConflict((oc) => oc.column("jti").doNothing()).execute();
}

/** the list only needs tokens that could still verify */
export async function deleteExpiredRevokedAccessTokens(db: Db, now: Date): Promise<void> {
  await db.deleteFrom("revoked_access_tokens").where("expires_at", "<", toSeconds(now)).execute();
}

export async function isAccessTokenRevoked(db: Db, jti: string): Promise<boolean> {
  const row = await db.selectFrom("revoked_access_tokens").select("jti").where("jti", "=", jti).executeTakeFirst();
  return row !== undefined;
}
