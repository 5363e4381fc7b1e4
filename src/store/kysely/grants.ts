// A grant is one user's consent to one application, whichever protocol asked for it. Every
// code and token points back to its grant, so revoking the grant revokes all of them.
import { randomUUID } from "node:crypto";
import type { Db, GrantTable } from "./schema.ts";
import { fromSeconds, fromSecondsOrNull, toSeconds } from "./time.ts";
import { inTransaction } from "./transaction.ts";

export type Grant = Readonly<{
  id: string;
  userId: string;
  clientId: string;
  scopes: readonly string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}>;

export function grantFromRow(row: GrantTable): Grant {
  return {
    id: row.id,
    userId: row.user_id,
    clientId: row.client_id,
    scopes: row.scopes.split(" ").filter((s) => s !== ""),
    createdAt: fromSeconds(row.created_at),
    lastUsedAt: fromSecondsOrNull(row.last_used_at),
    revokedAt: fromSecondsOrNull(row.revoked_at),
  };
}

export async function findLiveGrant(db: Db, userId: string, clientId: string): Promise<Grant | null> {
  const row = await db.selectFrom("grants").selectAll()
    .where("user_id", "=", userId).where("client_id", "=", clientId).where("revoked_at", "is", null)
    .executeTakeFirst();
  return row === undefined ? null : grantFromRow(row);
}

export async function findGrantById(db: Db, id: string): Promise<Grant | null> {
  const row = await db.selectFrom("grants").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? null : grantFromRow(row);
}

/**
 * The user's live grant to the client, created or widened to include `scopes`. The partial
 * unique index on live (user, client) pairs decides a race between two first consents: the
 * loser's insert does nothing and it widens the winner's grant instead.
 */
export async function upsertGrant(db: Db, userId: string, clientId: string, scopes: readonly string[], now: Date): Promise<Grant> {
  return inTransaction(db, async (tx) => {
    const inserted = await tx.insertInto("grants").values({
      id: randomUUID(), user_id: userId, client_id: clientId, scopes: [...new Set(scopes)].join(" "),
      created_at: toSeconds(now), last_used_at: null, revoked_at: null,
    })
      .onConflict((oc) => oc.columns(["user_id", "client_id"]).where("revoked_at", "is", null).doNothing())
      .returningAll().executeTakeFirst();
    if (inserted !== undefined) return grantFromRow(inserted);
    const existing = await findLiveGrant(tx, userId, clientId);
    if (existing === null) throw new Error("live grant vanished while being widened");
    const merged = [...new Set([...existing.scopes, ...scopes])];
    if (merged.length === existing.scopes.length) return existing;
    const row = await tx.updateTable("grants").set({ scopes: merged.join(" ") })
      .where("id", "=", existing.id).returningAll().executeTakeFirstOrThrow();
    return grantFromRow(row);
  });
}

/** ends the grant and every credential issued under it; false when it was not live */
export async function revokeGrant(db: Db, grantId: string, now: Date): Promise<boolean> {
  const at = toSeconds(now);
  return inTransaction(db, async (tx) => {
    const result = await tx.updateTable("grants").set({ revoked_at: at })
      .where("id", "=", grantId).where("revoked_at", "is", null).executeTakeFirst();
    await tx.updateTable("refresh_tokens").set({ revoked_at: at })
      .where("grant_id", "=", grantId).where("revoked_at", "is", null).execute();
    await tx.updateTable("oauth1_tokens").set({ revoked_at: at })
      .where("grant_id", "=", grantId).where("revoked_at", "is", null).execute();
    return result.numUpdatedRows > 0n;
  });
}

export async function touchGrant(db: Db, grantId: string, now: Date): Promise<void> {
  await db.updateTable("grants").set({ last_used_at: toSeconds(now) }).where("id", "=", grantId).execute();
}

/** "last used" on the connected-apps page is kept to the minute: API calls write it at most once a minute */
export const GRANT_TOUCH_INTERVAL_SECONDS = 60;

export async function touchGrantIfStale(db: Db, grant: Grant, now: Date): Promise<void> {
  if (grant.lastUsedAt === null || now.getTime() - grant.lastUsedAt.getTime() >= GRANT_TOUCH_INTERVAL_SECONDS * 1000) {
    await touchGrant(db, grant.id, now);
  }
}

export type ConnectedApp = Readonly<{ grant: Grant; clientName: string; clientWebsite: string }>;

/** SPEC §5 connected apps: every live grant of the user, with the app it was given to */
export async function listConnectedApps(db: Db, userId: string): Promise<ConnectedApp[]> {
  const rows = await db.selectFrom("grants")
    .innerJoin("clients", "clients.id", "grants.client_id")
    .selectAll("grants")
    .select(["clients.name as client_name", "clients.website as client_website"])
    .where("grants.user_id", "=", userId).where("grants.revoked_at", "is", null)
    .orderBy("grants.created_at", "asc").orderBy("grants.id")
    .execute();
  return rows.map((row) => ({ grant: grantFromRow(row), clientName: row.client_name, clientWebsite: row.client_website }));
}
