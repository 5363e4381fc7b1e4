// The catalogue's answers in FatSecret's JSON shapes (numbers as strings; a one-element list may
// arrive as a bare object on FatSecret itself), turned into typed values with explicit checks.
import { InvalidResponseError } from "../errors.ts";
import { isJsonObject, readOptionalString, readString, type JsonObject } from "../http.ts";

export type FoodSummary = Readonly<{ foodId: number; foodName: string; foodType: string; brandName: string | null; foodDescription: string }>;

export type FoodSearchPage = Readonly<{ foods: readonly FoodSummary[]; pageNumber: number; maxResults: number; totalResults: number }>;

export type Serving = Readonly<{
  servingId: number;
  servingDescription: string;
  metricServingAmount: number | null;
  metricServingUnit: string | null;
  calories: number;
  carbohydrate: number;
  protein: number;
  fat: number;
}>;

export type Food = Readonly<{ foodId: number; foodName: string; foodType: string; brandName: string | null; servings: readonly Serving[] }>;

function numberOf(body: JsonObject, name: string, where: string): number {
  const value = body[name];
  const number = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw new InvalidResponseError(`${where}: "${name}" must be a number`);
  return number;
}

/** FatSecret sends a list of one as the object itself, and no list at all as absence */
function listOf(value: unknown, where: string): JsonObject[] {
  const items = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
  return items.map((item) => {
    if (!isJsonObject(item)) throw new InvalidResponseError(`${where}: expected objects`);
    return item;
  });
}

function objectAt(body: JsonObject, name: string, where: string): JsonObject {
  const value = body[name];
  if (!isJsonObject(value)) throw new InvalidResponseError(`${where}: "${name}" must be an object`);
  return value;
}

export function parseFoodSearchPage(body: JsonObject): FoodSearchPage {
  const where = "foods.search";
  const foods = objectAt(body, "foods", where);
  return {
    foods: listOf(foods.food, where).map((food) => ({
      foodId: numberOf(food, "food_id", where),
      foodName: readString(food, "food_name", where),
      foodType: readString(food, "food_type", where),
      brandName: readOptionalString(food, "brand_name", where),
      foodDescription: readOptionalString(food, "food_description", where) ?? "",
    })),
    pageNumber: numberOf(foods, "page_number", where),
    maxResults: numberOf(foods, "max_results", where),
    totalResults: numberOf(foods, "total_results", where),
  };
}

export function parseFood(body: JsonObject): Food {
  const where = "food.get";
  const food = objectAt(body, "food", where);
  const servings = isJsonObject(food.servings) ? listOf(food.servings.serving, where) : [];
  return {
    foodId: numberOf(food, "food_id", where),
    foodName: readString(food, "food_name", where),
    foodType: readString(food, "food_type", where),
    brandName: readOptionalString(food, "brand_name", where),
    servings: servings.map((serving) => ({
      servingId: numberOf(serving, "serving_id", where),
      servingDescription: readString(serving, "serving_description", where),
      metricServingAmount: serving.metric_serving_amount === undefined ? null : numberOf(serving, "metric_serving_amount", where),
      metricServingUnit: readOptionalString(serving, "metric_serving_unit", where),
      calories: numberOf(serving, "calories", where),
      carbohydrate: numberOf(serving, "carbohydrate", where),
      protein: numberOf(serving, "protein", where),
      fat: numberOf(serving, "fat", where),
    })),
  };
}
