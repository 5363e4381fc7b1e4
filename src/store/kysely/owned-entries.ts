// What food and exercise entries share: each belongs to one user, and deleting is a soft
// delete, so a retried delete still succeeds while another user's id stays unknown.
import type { Db } from "./schema.ts";
import { toSeconds } from "./time.ts";

export type OwnedEntryTable = "food_entries" | "exercise_entries";

/** true when the user's entry is deleted afterwards (also by an earlier retry); false when it never was theirs */
export async function softDeleteOwnedEntry(db: Db, table: OwnedEntryTable, userId: string, id: number, now: Date): Promise<boolean> {
  await db.updateTable(table).set({ deleted_at: toSeconds(now) })
    .where("id", "=", id).where("user_id", "=", userId).where("deleted_at", "is", null).execute();
  const row = await db.selectFrom(table).select("id").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  return row !== undefined;
}
