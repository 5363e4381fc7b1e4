// RFC 6749 §4.1.2 authorization codes: stored by SHA-256, single use by one conditional UPDATE.
import type { AuthorizationCodeTable, Db } from "./schema.ts";
import { fromSeconds, fromSecondsOrNull, toSeconds } from "./time.ts";

export type AuthorizationCode = Readonly<{
  id: string;
  clientId: string;
  userId: string;
  grantId: string;
  redirectUri: string | null;
  scopes: readonly string[];
  codeChallenge: string | null;
  expiresAt: Date;
  consumedAt: Date | null;
}>;

function authorizationCodeFromRow(row: AuthorizationCodeTable): AuthorizationCode {
  return {
    id: row.id, clientId: row.client_id, userId: row.user_id, grantId: row.grant_id, redirectUri: row.redirect_uri,
    scopes: row.scopes.split(" ").filter((s) => s !== ""), codeChallenge: row.code_challenge,
    expiresAt: fromSeconds(row.expires_at), consumedAt: fromSecondsOrNull(row.consumed_at),
  };
}

export async function insertAuthorizationCode(db: Db, code: Omit<AuthorizationCode, "consumedAt">, now: Date): Promise<void> {
  await db.insertInto("authorization_codes").values({
    id: code.id, client_id: code.clientId, user_id: code.userId, grant_id: code.grantId, redirect_uri: code.redirectUri,
    scopes: code.scopes.join(" "), code_challenge: code.codeChallenge, code_challenge_method: code.codeChallenge === null ? null : "S256",
    created_at: toSeconds(now), expires_at: toSeconds(code.expiresAt), consumed_at: null,
  }).execute();
}

/** the code, marked used, when it is unused, unexpired and the client's; otherwise null */
export async function consumeAuthorizationCode(db: Db, id: string, clientId: string, now: Date): Promise<AuthorizationCode | null> {
  const row = await db.updateTable("authorization_codes").set({ consumed_at: toSeconds(now) })
    .where("id", "=", id).where("client_id", "=", clientId).where("consumed_at", "is", null).where("expires_at", ">", toSeconds(now))
    .returningAll().executeTakeFirst();
  return row === undefined ? null : authorizationCodeFromRow(row);
}

export async function findAuthorizationCode(db: Db, id: string): Promise<AuthorizationCode | null> {
  const row = await db.selectFrom("authorization_codes").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? null : authorizationCodeFromRow(row);
}

/** used and expired codes are kept a day for replay detection, then dropped */
export async function deleteStaleAuthorizationCodes(db: Db, now: Date): Promise<void> {
  await db.deleteFrom("authorization_codes").where("expires_at", "<", toSeconds(now) - 86_400).execute();
}
