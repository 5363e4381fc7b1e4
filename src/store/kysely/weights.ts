// Weigh-ins (one per user and day: recording a day again replaces it) and the body profile
// (goal weight, height, preferred units).
import type { BodyProfile, WeightEntry, WeightLog } from "../../protocol/api/store.ts";
import type { Db } from "./schema.ts";
import { toSeconds } from "./time.ts";

export async function recordWeight(db: Db, userId: string, entry: WeightEntry, now: Date): Promise<void> {
  await db.insertInto("weights").values({ user_id: userId, date_int: entry.dateInt, weight_kg: entry.weightKg, comment: entry.comment, updated_at: toSeconds(now) })
    .onConflict((oc) => oc.columns(["user_id", "date_int"]).doUpdateSet((eb) => ({
      weight_kg: eb.ref("excluded.weight_kg"), comment: eb.ref("excluded.comment"), updated_at: eb.ref("excluded.updated_at"),
    }))).execute();
}

export async function listWeights(db: Db, userId: string, fromDateInt: number, toDateInt: number): Promise<WeightEntry[]> {
  const rows = await db.selectFrom("weights").selectAll().where("user_id", "=", userId)
    .where("date_int", ">=", fromDateInt).where("date_int", "<=", toDateInt).orderBy("date_int").execute();
  return rows.map((r) => ({ dateInt: r.date_int, weightKg: r.weight_kg, comment: r.comment }));
}

export async function findLastWeight(db: Db, userId: string): Promise<WeightEntry | null> {
  const row = await db.selectFrom("weights").selectAll().where("user_id", "=", userId).orderBy("date_int", "desc").executeTakeFirst();
  return row === undefined ? null : { dateInt: row.date_int, weightKg: row.weight_kg, comment: row.comment };
}

export async function findBodyProfile(db: Db, userId: string): Promise<BodyProfile | null> {
  const row = await db.selectFrom("body_profiles").selectAll().where("user_id", "=", userId).executeTakeFirst();
  if (row === undefined) return null;
  return {
    goalWeightKg: row.goal_weight_kg, heightCm: row.height_cm,
    weightMeasure: row.weight_measure === "lb" ? "lb" : "kg", heightMeasure: row.height_measure === "inch" ? "inch" : "cm",
  };
}

export async function updateBodyProfile(db: Db, userId: string, changes: Partial<BodyProfile>, now: Date): Promise<void> {
  const set = {
    ...(changes.goalWeightKg === undefined ? {} : { goal_weight_kg: changes.goalWeightKg }),
    ...(changes.heightCm === undefined ? {} : { height_cm: changes.heightCm }),
    ...(changes.weightMeasure === undefined ? {} : { weight_measure: changes.weightMeasure }),
    ...(changes.heightMeasure === undefined ? {} : { height_measure: changes.heightMeasure }),
  };
  if (Object.keys(set).length === 0) return;
  await db.insertInto("body_profiles").values({
    user_id: userId, goal_weight_kg: changes.goalWeightKg ?? null, height_cm: changes.heightCm ?? null,
    weight_measure: changes.weightMeasure ?? "kg", height_measure: changes.heightMeasure ?? "cm", updated_at: toSeconds(now),
  }).onConflict((oc) => oc.column("user_id").doUpdateSet({ ...set, updated_at: toSeconds(now) })).execute();
}

export function weightLogOf(db: Db): WeightLog {
  return {
    recordWeight: (userId, entry, now) => recordWeight(db, userId, entry, now),
    listWeights: (userId, from, to) => listWeights(db, userId, from, to),
    findLastWeight: (userId) => findLastWeight(db, userId),
    findBodyProfile: (userId) => findBodyProfile(db, userId),
    updateBodyProfile: (userId, changes, now) => updateBodyProfile(db, userId, changes, now),
  };
}
