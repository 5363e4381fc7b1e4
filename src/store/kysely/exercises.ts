// Exercise entries, owned by one user each; idempotent creation per (user, client_entry_id)
// and soft deletion, as for food entries.
import type { Selectable } from "kysely";
import type { ExerciseEntry, ExerciseLog } from "../../protocol/api/store.ts";
import type { Db, ExerciseEntryTable } from "./schema.ts";
import { softDeleteOwnedEntry } from "./owned-entries.ts";
import { toSeconds } from "./time.ts";

export async function createExerciseEntry(db: Db, userId: string, entry: Omit<ExerciseEntry, "id">, clientEntryId: string | null, now: Date): Promise<ExerciseEntry> {
  const row = await db.insertInto("exercise_entries").values({
    user_id: userId, client_entry_id: clientEntryId, date_int: entry.dateInt, exercise_name: entry.exerciseName,
    minutes: entry.minutes, calories: entry.calories, created_at: toSeconds(now), deleted_at: null,
  }).onConflict((oc) => oc.columns(["user_id", "client_entry_id"]).doNothing()).returningAll().executeTakeFirst();
  if (row !== undefined) return exerciseEntryFromRow(row);
  const first = await db.selectFrom("exercise_entries").selectAll()
    .where("user_id", "=", userId).where("client_entry_id", "=", clientEntryId).executeTakeFirstOrThrow();
  return exerciseEntryFromRow(first);
}

export async function listExerciseEntries(db: Db, userId: string, dateInt: number): Promise<ExerciseEntry[]> {
  const rows = await db.selectFrom("exercise_entries").selectAll()
    .where("user_id", "=", userId).where("date_int", "=", dateInt).where("deleted_at", "is", null).orderBy("id").execute();
  return rows.map(exerciseEntryFromRow);
}

export function deleteExerciseEntry(db: Db, userId: string, id: number, now: Date): Promise<boolean> {
  return softDeleteOwnedEntry(db, "exercise_entries", userId, id, now);
}

export function exerciseLogOf(db: Db): ExerciseLog {
  return {
    createExerciseEntry: (userId, entry, clientEntryId, now) => createExerciseEntry(db, userId, entry, clientEntryId, now),
    listExerciseEntries: (userId, dateInt) => listExerciseEntries(db, userId, dateInt),
    deleteExerciseEntry: (userId, id, now) => deleteExerciseEntry(db, userId, id, now),
  };
}

function exerciseEntryFromRow(row: Selectable<ExerciseEntryTable>): ExerciseEntry {
  return { id: row.id, dateInt: row.date_int, exerciseName: row.exercise_name, minutes: row.minutes, calories: row.calories };
}
