// Server-side sessions: the cookie holds a random token, the table only its SHA-256.
import type { Db } from "./schema.ts";
import { toSeconds } from "./time.ts";

export type Session = Readonly<{ id: string; userId: string; expiresAt: Date }>;

export async function createSession(db: Db, id: string, userId: string, now: Date, ttlSeconds: number): Promise<void> {
  await db.insertInto("sessions")
    .values({ id, user_id: userId, created_at: toSeconds(now), expires_at: toSeconds(now) + ttlSeconds, flash: null })
    .execute();
}

export async function findLiveSession(db: Db, id: string, now: Date): Promise<Session | null> {
  const row = await db.selectFrom("sessions").select(["id", "user_id", "expires_at"])
    .where("id", "=", id).where("expires_at", ">", toSeconds(now))
    .executeTakeFirst();
  return row === undefined ? null : { id: row.id, userId: row.user_id, expiresAt: new Date(row.expires_at * 1000) };
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", id).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom("sessions").where("expires_at", "<=", toSeconds(now)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function setSessionFlash(db: Db, id: string, sealedFlash: string): Promise<void> {
  await db.updateTable("sessions").set({ flash: sealedFlash }).where("id", "=", id).execute();
}

/**
 * the flash, once: the conditional write makes a second read (or a racing reload) get null.
 * A flash `accept` turns down stays for the page it belongs to.
 */
export async function consumeSessionFlash(db: Db, id: string, accept: (flash: string) => boolean = () => true): Promise<string | null> {
  const row = await db.selectFrom("sessions").select("flash").where("id", "=", id).executeTakeFirst();
  if (row?.flash == null || !accept(row.flash)) return null;
  const taken = await db.updateTable("sessions").set({ flash: null })
    .where("id", "=", id).where("flash", "=", row.flash)
    .executeTakeFirst();
  return taken.numUpdatedRows > 0n ? row.flash : null;
}
