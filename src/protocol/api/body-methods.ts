// A person's profile, weight log and exercise log (SPEC §4: profile, weight:*, exercise:*),
// in FatSecret's shapes (profile.get, weight.update, weights.get_month, exercise_entries.get).
// Weights are one per day, so a retried weight.update is harmless; exercise creates take a
// client_entry_id / Idempotency-Key like food entries.
import { normalizeSearchText } from "../../foods/normalize.ts";
import { dateIntOf, isoDateOf, monthOf } from "./dates.ts";
import { invalidId } from "./errors.ts";
import { CLIENT_ENTRY_ID_PARAMETER, DATE_PARAMETER, formatDecimal, SUCCESS, userIdOf, type ApiMethod } from "./method.ts";
import type { ExerciseEntry } from "./store.ts";

export const profileGet: ApiMethod = {
  name: "profile.get",
  summary: "Who the user is (user id and email) and their weight status.",
  scope: "profile",
  userData: true,
  rest: { method: "GET", path: "/api/v1/profile" },
  parameters: [],
  example: { profile: { user_id: "…", email: "ana@example.com", weight_measure: "kg", height_measure: "cm", last_weight_kg: "80", last_weight_date_int: "20413", goal_weight_kg: "78", height_cm: "187.96" } },
  async handle(_params, context) {
    const userId = userIdOf(context);
    const [email, body, last] = await Promise.all([context.store.findUserEmail(userId), context.store.findBodyProfile(userId), context.store.findLastWeight(userId)]);
    return {
      profile: {
        user_id: userId,
        email: email ?? "",
        weight_measure: body?.weightMeasure ?? "kg",
        height_measure: body?.heightMeasure ?? "cm",
        ...(last === null ? {} : { last_weight_kg: formatDecimal(last.weightKg), last_weight_date_int: String(last.dateInt), ...(last.comment === null ? {} : { last_weight_comment: last.comment }) }),
        ...(body?.goalWeightKg == null ? {} : { goal_weight_kg: formatDecimal(body.goalWeightKg) }),
        ...(body?.heightCm == null ? {} : { height_cm: formatDecimal(body.heightCm) }),
      },
    };
  },
};

export const weightUpdate: ApiMethod = {
  name: "weight.update",
  summary: "Record the weight of a day (one per day: a second call for the same day replaces it).",
  scope: "weight:write",
  userData: true,
  rest: { method: "POST", path: "/api/v1/weights" },
  parameters: [
    { name: "current_weight_kg", type: "decimal", required: true, min: 1, max: 700, description: "Weight in kilograms" },
    DATE_PARAMETER,
    { name: "weight_type", type: "enum", values: ["kg", "lb"], description: "How the user likes weight shown: kg or lb (values are always sent in kg)" },
    { name: "height_type", type: "enum", values: ["cm", "inch"], description: "How the user likes height shown: cm or inch" },
    { name: "goal_weight_kg", type: "decimal", min: 1, max: 700, description: "Goal weight in kilograms" },
    { name: "current_height_cm", type: "decimal", min: 30, max: 300, description: "Height in centimetres" },
    { name: "comment", type: "string", maxLength: 200, description: "A comment for this weigh-in" },
  ],
  example: SUCCESS,
  async handle(params, context) {
    const userId = userIdOf(context);
    const weightType = params.optionalString("weight_type");
    const heightType = params.optionalString("height_type");
    await context.store.recordWeight(userId, {
      dateInt: params.optionalNumber("date") ?? dateIntOf(context.now),
      weightKg: params.number("current_weight_kg"),
      comment: params.optionalString("comment"),
    }, context.now);
    await context.store.updateBodyProfile(userId, {
      ...(params.has("goal_weight_kg") ? { goalWeightKg: params.number("goal_weight_kg") } : {}),
      ...(params.has("current_height_cm") ? { heightCm: params.number("current_height_cm") } : {}),
      ...(weightType === "kg" || weightType === "lb" ? { weightMeasure: weightType } : {}),
      ...(heightType === "cm" || heightType === "inch" ? { heightMeasure: heightType } : {}),
    }, context.now);
    return SUCCESS;
  },
};

export const weightsGetMonth: ApiMethod = {
  name: "weights.get_month",
  summary: "The weights recorded in the calendar month holding `date`.",
  scope: "weight:read",
  userData: true,
  rest: { method: "GET", path: "/api/v1/weights/month" },
  parameters: [DATE_PARAMETER],
  example: { month: { from_date_int: "20393", to_date_int: "20422", day: [{ date_int: "20413", date: "2025-11-21", weight_kg: "80", weight_comment: "after the holidays" }] } },
  async handle(params, context) {
    const { fromDateInt, toDateInt } = monthOf(params.optionalNumber("date") ?? dateIntOf(context.now));
    const weights = await context.store.listWeights(userIdOf(context), fromDateInt, toDateInt);
    return {
      month: {
        from_date_int: String(fromDateInt), to_date_int: String(toDateInt),
        day: weights.map((w) => ({ date_int: String(w.dateInt), date: isoDateOf(w.dateInt), weight_kg: formatDecimal(w.weightKg), ...(w.comment === null ? {} : { weight_comment: w.comment }) })),
      },
    };
  },
};

const EXERCISE_ENTRY_ID = { name: "exercise_entry_id", type: "integer", required: true, min: 1, max: Number.MAX_SAFE_INTEGER, description: "Unique identifier of the exercise entry" } as const;

function exerciseEntryJson(entry: ExerciseEntry): Record<string, string> {
  return { exercise_entry_id: String(entry.id), exercise_name: entry.exerciseName, minutes: String(entry.minutes), calories: formatDecimal(entry.calories), date_int: String(entry.dateInt), date: isoDateOf(entry.dateInt) };
}

export const exerciseEntriesGet: ApiMethod = {
  name: "exercise_entries.get",
  summary: "The exercise logged on one day, with the day's total minutes and calories.",
  scope: "exercise:read",
  userData: true,
  rest: { method: "GET", path: "/api/v1/exercise-entries" },
  parameters: [DATE_PARAMETER],
  example: { exercise_entries: { date_int: "20413", date: "2025-11-21", exercise_entry: [{ exercise_entry_id: "3", exercise_name: "Running", minutes: "30", calories: "343" }], totals: { minutes: "30", calories: "343" } } },
  async handle(params, context) {
    const dateInt = params.optionalNumber("date") ?? dateIntOf(context.now);
    const entries = await context.store.listExerciseEntries(userIdOf(context), dateInt);
    const totals = { minutes: String(entries.reduce((t, e) => t + e.minutes, 0)), calories: formatDecimal(entries.reduce((t, e) => t + e.calories, 0)) };
    return { exercise_entries: { date_int: String(dateInt), date: isoDateOf(dateInt), exercise_entry: entries.map(exerciseEntryJson), totals } };
  },
};

// metabolic equivalents (Compendium of Physical Activities, rounded) for estimating calories
const METS: readonly (readonly [string, number])[] = [
  ["run", 9.8], ["jog", 7], ["walk", 3.5], ["hik", 6], ["cycl", 7.5], ["bik", 7.5], ["swim", 6], ["row", 7],
  ["yoga", 2.5], ["pilates", 3], ["danc", 5], ["weight", 5], ["strength", 5], ["tennis", 7.3], ["football", 7], ["soccer", 7],
];

export function estimateExerciseCalories(exerciseName: string, minutes: number, weightKg: number): number {
  const words = normalizeSearchText(exerciseName);
  const met = METS.find(([stem]) => words.split(" ").some((w) => w.startsWith(stem)))?.[1] ?? 4;
  return Math.round(met * weightKg * (minutes / 60));
}

export const exerciseEntryCreate: ApiMethod = {
  name: "exercise_entry.create",
  summary: "Log an exercise. Without `calories`, they are estimated from the activity, the minutes and the last recorded weight (70 kg if none).",
  scope: "exercise:write",
  userData: true,
  rest: { method: "POST", path: "/api/v1/exercise-entries" },
  parameters: [
    { name: "exercise_name", type: "string", required: true, maxLength: 100, description: "The activity, e.g. \"Running\"" },
    { name: "minutes", type: "integer", required: true, min: 1, max: 1440, description: "Duration in minutes" },
    { name: "calories", type: "decimal", min: 0, max: 20_000, description: "Energy used in kcal (default: estimated)" },
    DATE_PARAMETER,
    CLIENT_ENTRY_ID_PARAMETER,
  ],
  example: { exercise_entry_id: { value: "3" } },
  async handle(params, context) {
    const userId = userIdOf(context);
    const minutes = params.number("minutes");
    const exerciseName = params.string("exercise_name");
    const calories = params.optionalNumber("calories") ?? estimateExerciseCalories(exerciseName, minutes, (await context.store.findLastWeight(userId))?.weightKg ?? 70);
    const entry = await context.store.createExerciseEntry(userId, { dateInt: params.optionalNumber("date") ?? dateIntOf(context.now), exerciseName, minutes, calories },
      params.optionalString("client_entry_id") ?? context.idempotencyKey, context.now);
    return { exercise_entry_id: { value: String(entry.id) } };
  },
};

export const exerciseEntryDelete: ApiMethod = {
  name: "exercise_entry.delete",
  summary: "Delete an exercise entry. Deleting it again (a retry) succeeds too.",
  scope: "exercise:write",
  userData: true,
  rest: { method: "DELETE", path: "/api/v1/exercise-entries/{exercise_entry_id}" },
  parameters: [EXERCISE_ENTRY_ID],
  example: SUCCESS,
  async handle(params, context) {
    if (!await context.store.deleteExerciseEntry(userIdOf(context), params.number("exercise_entry_id"), context.now)) throw invalidId("exercise entry");
    return SUCCESS;
  },
};
