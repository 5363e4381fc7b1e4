// RFC 6749 §6 refresh tokens, stored by SHA-256. Under rotation a token is exchanged once by one
// conditional UPDATE; presenting it again is reuse (RFC 9700 §4.14.2).
import type { Db, RefreshTokenTable } from "./schema.ts";
import { fromSeconds, fromSecondsOrNull, toSeconds } from "./time.ts";

export type RefreshToken = Readonly<{
  id: string;
  grantId: string;
  clientId: string;
  authorizationCodeId: string | null;
  scopes: readonly string[];
  createdAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}>;

function refreshTokenFromRow(row: RefreshTokenTable): RefreshToken {
  return {
    id: row.id, grantId: row.grant_id, clientId: row.client_id, authorizationCodeId: row.authorization_code_id,
    scopes: row.scopes.split(" ").filter((s) => s !== ""), createdAt: fromSeconds(row.created_at),
    rotatedAt: fromSecondsOrNull(row.rotated_at), revokedAt: fromSecondsOrNull(row.revoked_at),
  };
}

export async function insertRefreshToken(db: Db, token: Omit<RefreshToken, "rotatedAt" | "revokedAt">): Promise<void> {
  await db.insertInto("refresh_tokens").values({
    id: token.id, grant_id: token.grantId, client_id: token.clientId, authorization_code_id: token.authorizationCodeId,
    scopes: token.scopes.join(" "), created_at: toSeconds(token.createdAt), rotated_at: null, revoked_at: null,
  }).execute();
}

export async function findRefreshToken(db: Db, id: string): Promise<RefreshToken | null> {
  const row = await db.selectFrom("refresh_tokens").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? null : refreshTokenFromRow(row);
}

/** marks the token exchanged; false when it already was (or was revoked): exactly one caller wins */
export async function consumeRefreshToken(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable("refresh_tokens").set({ rotated_at: toSeconds(now) })
    .where("id", "=", id).where("rotated_at", "is", null).where("revoked_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
