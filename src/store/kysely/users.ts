import { randomUUID } from "node:crypto";
import type { Db, UserTable } from "./schema.ts";
import { fromSeconds, toSeconds } from "./time.ts";

export type User = Readonly<{ id: string; email: string; passwordHash: string; createdAt: Date }>;

function userFromRow(row: UserTable): User {
  return { id: row.id, email: row.email, passwordHash: row.password_hash, createdAt: fromSeconds(row.created_at) };
}

/** null when the email is taken (the unique index decides, so two sign-ups cannot both win) */
export async function createUser(db: Db, email: string, passwordHash: string, now: Date): Promise<User | null> {
  const row = await db.insertInto("users")
    .values({ id: randomUUID(), email, password_hash: passwordHash, created_at: toSeconds(now) })
    .onConflict((oc) => oc.column("email").doNothing())
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? null : userFromRow(row);
}

/** PostgreSQL text cannot hold a NUL (the query fails), so no stored value contains one */
export function mayBeStored(value: string): boolean {
  return !value.includes("\u0000");
}

export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  if (!mayBeStored(email)) return null;
  const row = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
  return row === undefined ? null : userFromRow(row);
}

export async function findUserById(db: Db, id: string): Promise<User | null> {
  if (!mayBeStored(id)) return null;
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? null : userFromRow(row);
}
