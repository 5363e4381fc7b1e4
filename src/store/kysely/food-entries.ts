// Food diary entries, each owned by one user: every query filters by user_id, so one user's
// credentials can never reach another's entries. Creation is idempotent per (user,
// client_entry_id) through the unique index, in one statement; deletion is a soft delete so
// a retried delete still succeeds.
import type { Selectable } from "kysely";
import type { Nutrients } from "../../foods/food-record.ts";
import type { DayTotals, Diary, FoodEntry, Meal } from "../../protocol/api/store.ts";
import type { Db, FoodEntryTable } from "./schema.ts";
import { softDeleteOwnedEntry } from "./owned-entries.ts";
import { toSeconds } from "./time.ts";

export async function createFoodEntry(db: Db, userId: string, entry: Omit<FoodEntry, "id">, clientEntryId: string | null, now: Date): Promise<FoodEntry> {
  const at = toSeconds(now);
  const row = await db.insertInto("food_entries").values({
    user_id: userId, client_entry_id: clientEntryId, date_int: entry.dateInt, meal: entry.meal, food_id: entry.foodId,
    serving_id: entry.servingId, food_entry_name: entry.foodEntryName, number_of_units: entry.numberOfUnits,
    serving_description: entry.servingDescription, unit_nutrients: JSON.stringify(entry.unitNutrients),
    created_at: at, updated_at: at, deleted_at: null,
  }).onConflict((oc) => oc.columns(["user_id", "client_entry_id"]).doNothing()).returningAll().executeTakeFirst();
  if (row !== undefined) return foodEntryFromRow(row);
  // a retry: the entry the first request created
  const first = await db.selectFrom("food_entries").selectAll()
    .where("user_id", "=", userId).where("client_entry_id", "=", clientEntryId).executeTakeFirstOrThrow();
  return foodEntryFromRow(first);
}

export async function findFoodEntry(db: Db, userId: string, id: number): Promise<FoodEntry | null> {
  const row = await db.selectFrom("food_entries").selectAll()
    .where("id", "=", id).where("user_id", "=", userId).where("deleted_at", "is", null).executeTakeFirst();
  return row === undefined ? null : foodEntryFromRow(row);
}

export async function listFoodEntries(db: Db, userId: string, dateInt: number): Promise<FoodEntry[]> {
  const rows = await db.selectFrom("food_entries").selectAll()
    .where("user_id", "=", userId).where("date_int", "=", dateInt).where("deleted_at", "is", null)
    .orderBy("id").execute();
  return rows.map(foodEntryFromRow);
}

/** per-day totals; nutrients are summed here rather than in SQL because each entry keeps them as JSON */
export async function sumFoodEntriesByDay(db: Db, userId: string, fromDateInt: number, toDateInt: number): Promise<DayTotals[]> {
  const rows = await db.selectFrom("food_entries").select(["date_int", "number_of_units", "unit_nutrients"])
    .where("user_id", "=", userId).where("date_int", ">=", fromDateInt).where("date_int", "<=", toDateInt).where("deleted_at", "is", null)
    .orderBy("date_int").execute();
  const days = new Map<number, Record<keyof Nutrients, number>>();
  for (const row of rows) {
    const unit = parseNutrients(row.unit_nutrients);
    const day = days.get(row.date_int) ?? { calories: 0, carbohydrate: 0, protein: 0, fat: 0, saturatedFat: 0, fiber: 0, sugar: 0, sodium: 0, cholesterol: 0 };
    for (const key of Object.keys(day) as (keyof Nutrients)[]) day[key] += (unit[key] ?? 0) * row.number_of_units;
    days.set(row.date_int, day);
  }
  return [...days].map(([dateInt, nutrients]) => ({ dateInt, nutrients }));
}

export async function updateFoodEntry(db: Db, userId: string, id: number, changes: Partial<Omit<FoodEntry, "id" | "dateInt" | "foodId">>, now: Date): Promise<boolean> {
  const result = await db.updateTable("food_entries").set({
    ...(changes.meal === undefined ? {} : { meal: changes.meal }),
    ...(changes.foodEntryName === undefined ? {} : { food_entry_name: changes.foodEntryName }),
    ...(changes.numberOfUnits === undefined ? {} : { number_of_units: changes.numberOfUnits }),
    ...(changes.servingId === undefined ? {} : { serving_id: changes.servingId }),
    ...(changes.servingDescription === undefined ? {} : { serving_description: changes.servingDescription }),
    ...(changes.unitNutrients === undefined ? {} : { unit_nutrients: JSON.stringify(changes.unitNutrients) }),
    updated_at: toSeconds(now),
  }).where("id", "=", id).where("user_id", "=", userId).where("deleted_at", "is", null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function deleteFoodEntry(db: Db, userId: string, id: number, now: Date): Promise<boolean> {
  return softDeleteOwnedEntry(db, "food_entries", userId, id, now);
}

export function diaryOf(db: Db): Diary {
  return {
    createFoodEntry: (userId, entry, clientEntryId, now) => createFoodEntry(db, userId, entry, clientEntryId, now),
    findFoodEntry: (userId, id) => findFoodEntry(db, userId, id),
    listFoodEntries: (userId, dateInt) => listFoodEntries(db, userId, dateInt),
    sumFoodEntriesByDay: (userId, from, to) => sumFoodEntriesByDay(db, userId, from, to),
    updateFoodEntry: (userId, id, changes, now) => updateFoodEntry(db, userId, id, changes, now),
    deleteFoodEntry: (userId, id, now) => deleteFoodEntry(db, userId, id, now),
  };
}

function foodEntryFromRow(row: Selectable<FoodEntryTable>): FoodEntry {
  return {
    id: row.id, dateInt: row.date_int, meal: row.meal as Meal, foodId: row.food_id, servingId: row.serving_id,
    foodEntryName: row.food_entry_name, numberOfUnits: row.number_of_units, servingDescription: row.serving_description,
    unitNutrients: parseNutrients(row.unit_nutrients),
  };
}

function parseNutrients(json: string): Nutrients {
  const value: unknown = JSON.parse(json);
  const record = typeof value === "object" && value !== null ? value as Record<string, unknown> : {};
  const number = (key: string) => typeof record[key] === "number" ? record[key] : null;
  return {
    calories: number("calories") ?? 0, carbohydrate: number("carbohydrate") ?? 0, protein: number("protein") ?? 0, fat: number("fat") ?? 0,
    saturatedFat: number("saturatedFat"), fiber: number("fiber"), sugar: number("sugar"), sodium: number("sodium"), cholesterol: number("cholesterol"),
  };
}
