// The food diary (SPEC §4, diary:read / diary:write), FatSecret's food_entries.* and
// food_entry.* methods. An entry keeps the serving's nutrients as they were when logged;
// reads give each day's totals; a create retried with the same client_entry_id (or
// Idempotency-Key) returns the first entry instead of logging the food twice.
import { NUTRIENT_NAMES, type Nutrients } from "../../foods/food-record.ts";
import { dateIntOf, isoDateOf, monthOf } from "./dates.ts";
import { invalidId, missingParameter } from "./errors.ts";
import { nutrientsJson } from "./food-json.ts";
import { CLIENT_ENTRY_ID_PARAMETER, DATE_PARAMETER, formatDecimal, SUCCESS, userIdOf, type ApiContext, type ApiMethod } from "./method.ts";
import type { ParameterSpec } from "./parameters.ts";
import type { FoodEntry, Meal, Serving } from "./store.ts";

const MEALS = ["breakfast", "lunch", "dinner", "other"] as const;
const ENTRY_ID: ParameterSpec = { name: "food_entry_id", type: "integer", min: 1, max: Number.MAX_SAFE_INTEGER, description: "Unique identifier of the food diary entry" };
const NUMBER_OF_UNITS: ParameterSpec = { name: "number_of_units", type: "decimal", min: 0.001, max: 10_000, description: "How many of the serving, e.g. 2 for \"2 slices\" with the \"1 slice\" serving" };
const MEAL: ParameterSpec = { name: "meal", type: "enum", values: MEALS, description: "breakfast, lunch, dinner or other" };
const ENTRY_NAME: ParameterSpec = { name: "food_entry_name", type: "string", maxLength: 200, description: "The name the person gives the entry (default the food's name)" };
const SERVING_ID: ParameterSpec = { name: "serving_id", type: "integer", min: 1, max: Number.MAX_SAFE_INTEGER, description: "One of the food's servings (default its first)" };

function foodEntryJson(entry: FoodEntry): Record<string, string> {
  return {
    food_entry_id: String(entry.id),
    food_entry_name: entry.foodEntryName,
    food_entry_description: `${formatDecimal(entry.numberOfUnits)} x ${entry.servingDescription} ${entry.foodEntryName}`,
    date_int: String(entry.dateInt),
    date: isoDateOf(entry.dateInt),
    meal: entry.meal,
    food_id: String(entry.foodId),
    serving_id: String(entry.servingId),
    number_of_units: formatDecimal(entry.numberOfUnits),
    ...nutrientsJson(entry.unitNutrients, entry.numberOfUnits),
  };
}

function totalsOf(entries: readonly FoodEntry[]): Nutrients {
  const sum = (pick: (n: Nutrients) => number | null) => entries.reduce((total, e) => total + (pick(e.unitNutrients) ?? 0) * e.numberOfUnits, 0);
  return Object.fromEntries(NUTRIENT_NAMES.map((name) => [name, sum((n) => n[name])])) as Nutrients;
}

async function findServing(context: ApiContext, foodId: number, servingId: number | null): Promise<{ serving: Serving; foodName: string }> {
  const food = await context.store.findFood(foodId);
  if (food === null) throw invalidId("food");
  const serving = servingId === null ? food.servings[0] : food.servings.find((s) => s.id === servingId);
  if (serving === undefined) throw invalidId("serving of this food");
  return { serving, foodName: food.name };
}

export const foodEntriesGet: ApiMethod = {
  name: "food_entries.get",
  summary: "The food diary entries of one day (or one entry by food_entry_id), with the day's totals.",
  scope: "diary:read",
  userData: true,
  rest: { method: "GET", path: "/api/v1/food-entries" },
  parameters: [DATE_PARAMETER, ENTRY_ID],
  example: { food_entries: { date_int: "20413", date: "2025-11-21", food_entry: [{ food_entry_id: "7", food_entry_name: "Toast", meal: "breakfast", number_of_units: "2", calories: "128.92" }], totals: { calories: "128.92", carbohydrate: "23.936", protein: "3.96", fat: "1.76" } } },
  async handle(params, context) {
    const userId = userIdOf(context);
    const entryId = params.optionalNumber("food_entry_id");
    if (entryId !== null) {
      const entry = await context.store.findFoodEntry(userId, entryId);
      if (entry === null) throw invalidId("food entry");
      return { food_entries: { food_entry: [foodEntryJson(entry)] } };
    }
    const dateInt = params.optionalNumber("date") ?? dateIntOf(context.now);
    const entries = await context.store.listFoodEntries(userId, dateInt);
    return { food_entries: { date_int: String(dateInt), date: isoDateOf(dateInt), food_entry: entries.map(foodEntryJson), totals: nutrientsJson(totalsOf(entries)) } };
  },
};

export const foodEntriesGetMonth: ApiMethod = {
  name: "food_entries.get_month",
  summary: "Each day's nutrient totals for the calendar month holding `date`.",
  scope: "diary:read",
  userData: true,
  rest: { method: "GET", path: "/api/v1/food-entries/month" },
  parameters: [DATE_PARAMETER],
  example: { month: { from_date_int: "20393", to_date_int: "20422", day: [{ date_int: "20413", date: "2025-11-21", calories: "128.92", carbohydrate: "23.936", protein: "3.96", fat: "1.76" }] } },
  async handle(params, context) {
    const { fromDateInt, toDateInt } = monthOf(params.optionalNumber("date") ?? dateIntOf(context.now));
    const days = await context.store.sumFoodEntriesByDay(userIdOf(context), fromDateInt, toDateInt);
    return { month: { from_date_int: String(fromDateInt), to_date_int: String(toDateInt), day: days.map((d) => ({ date_int: String(d.dateInt), date: isoDateOf(d.dateInt), ...nutrientsJson(d.nutrients) })) } };
  },
};

export const foodEntryCreate: ApiMethod = {
  name: "food_entry.create",
  summary: "Log a food in the diary. Send client_entry_id (or an Idempotency-Key header) so a retried request never logs it twice.",
  scope: "diary:write",
  userData: true,
  rest: { method: "POST", path: "/api/v1/food-entries" },
  parameters: [{ ...SERVING_ID, name: "food_id", required: true, description: "Unique food identifier" }, SERVING_ID, { ...NUMBER_OF_UNITS, required: true }, { ...MEAL, required: true }, ENTRY_NAME, DATE_PARAMETER, CLIENT_ENTRY_ID_PARAMETER],
  example: { food_entry_id: { value: "7" } },
  async handle(params, context) {
    const foodId = params.number("food_id");
    const { serving, foodName } = await findServing(context, foodId, params.optionalNumber("serving_id"));
    const entry = await context.store.createFoodEntry(userIdOf(context), {
      dateInt: params.optionalNumber("date") ?? dateIntOf(context.now),
      meal: params.string("meal") as Meal,
      foodId,
      servingId: serving.id,
      foodEntryName: params.optionalString("food_entry_name") ?? foodName,
      numberOfUnits: params.number("number_of_units"),
      servingDescription: serving.servingDescription,
      unitNutrients: serving.nutrients,
    }, params.optionalString("client_entry_id") ?? context.idempotencyKey, context.now);
    return { food_entry_id: { value: String(entry.id) } };
  },
};

export const foodEntryEdit: ApiMethod = {
  name: "food_entry.edit",
  summary: "Change an entry's name, serving, number of units or meal; parameters left out keep their value.",
  scope: "diary:write",
  userData: true,
  rest: { method: "PATCH", path: "/api/v1/food-entries/{food_entry_id}" },
  parameters: [{ ...ENTRY_ID, required: true }, ENTRY_NAME, SERVING_ID, NUMBER_OF_UNITS, MEAL],
  example: SUCCESS,
  async handle(params, context) {
    if (!["food_entry_name", "serving_id", "number_of_units", "meal"].some((name) => params.has(name))) {
      throw missingParameter("food_entry_name, serving_id, number_of_units or meal");
    }
    const userId = userIdOf(context);
    const entry = await context.store.findFoodEntry(userId, params.number("food_entry_id"));
    if (entry === null) throw invalidId("food entry");
    const servingId = params.optionalNumber("serving_id");
    const changed = servingId === null ? null : (await findServing(context, entry.foodId, servingId)).serving;
    const changes = {
      ...(params.has("food_entry_name") ? { foodEntryName: params.string("food_entry_name") } : {}),
      ...(params.has("number_of_units") ? { numberOfUnits: params.number("number_of_units") } : {}),
      ...(params.has("meal") ? { meal: params.string("meal") as Meal } : {}),
      ...(changed === null ? {} : { servingId: changed.id, servingDescription: changed.servingDescription, unitNutrients: changed.nutrients }),
    };
    if (!await context.store.updateFoodEntry(userId, entry.id, changes, context.now)) throw invalidId("food entry");
    return SUCCESS;
  },
};

export const foodEntryDelete: ApiMethod = {
  name: "food_entry.delete",
  summary: "Delete an entry. Deleting it again (a retry) succeeds too.",
  scope: "diary:write",
  userData: true,
  rest: { method: "DELETE", path: "/api/v1/food-entries/{food_entry_id}" },
  parameters: [{ ...ENTRY_ID, required: true }],
  example: SUCCESS,
  async handle(params, context) {
    if (!await context.store.deleteFoodEntry(userIdOf(context), params.number("food_entry_id"), context.now)) throw invalidId("food entry");
    return SUCCESS;
  },
};
