// The catalogue methods (SPEC §4, client scopes): foods.search and food.get (basic),
// foods.autocomplete (premier), food.find_id_for_barcode (barcode). Paging as FatSecret:
// page_number is a zero-based page offset, max_results at most 50.
import { parseGtin13 } from "../../foods/gtin.ts";
import { normalizeSearchText, queryPrefixesOf } from "../../foods/normalize.ts";
import { invalidId, invalidType } from "./errors.ts";
import { foodJson, foodSummaryJson } from "./food-json.ts";
import type { ApiMethod } from "./method.ts";

const FOOD_ID = { name: "food_id", type: "integer", required: true, min: 1, max: Number.MAX_SAFE_INTEGER, description: "Unique food identifier" } as const;

export const foodsSearch: ApiMethod = {
  name: "foods.search",
  summary: "Search foods by name and brand: every word of the expression must start a word of the food (case and accents ignored), best matches first.",
  scope: "basic",
  userData: false,
  rest: { method: "GET", path: "/api/v1/foods/search" },
  parameters: [
    { name: "search_expression", type: "string", required: true, maxLength: 200, description: "Words to find, e.g. \"toast\" or \"whole wheat bread\"" },
    { name: "page_number", type: "integer", min: 0, max: 10_000, description: "Zero-based page offset (default 0)" },
    { name: "max_results", type: "integer", min: 1, max: 50, description: "Results per page, at most 50 (default 20)" },
  ],
  example: { foods: { food: [{ food_id: "1", food_name: "Toast, white bread", food_type: "Generic", food_description: "Per 1 slice - Calories: 64kcal | Fat: 0.88g | Carbs: 11.97g | Protein: 1.98g" }], max_results: "20", page_number: "0", total_results: "1" } },
  async handle(params, { store }) {
    const pageNumber = params.optionalNumber("page_number") ?? 0;
    const maxResults = params.optionalNumber("max_results") ?? 20;
    const page = await store.searchFoods(queryPrefixesOf(params.string("search_expression")), pageNumber * maxResults, maxResults);
    return {
      foods: { food: page.foods.map(foodSummaryJson), max_results: String(maxResults), page_number: String(pageNumber), total_results: String(page.total) },
    };
  },
};

export const foodGet: ApiMethod = {
  name: "food.get",
  summary: "A food with all its servings and their nutrients.",
  scope: "basic",
  userData: false,
  rest: { method: "GET", path: "/api/v1/foods/{food_id}" },
  parameters: [FOOD_ID],
  example: { food: { food_id: "1", food_name: "Toast, white bread", food_type: "Generic", source: "USDA FoodData Central …", servings: { serving: [{ serving_id: "1", serving_description: "1 slice", metric_serving_amount: "22", metric_serving_unit: "g", number_of_units: "1", measurement_description: "slice", calories: "64.46", carbohydrate: "11.968", protein: "1.98", fat: "0.88" }] } } },
  async handle(params, { store }) {
    const food = await store.findFood(params.number("food_id"));
    if (food === null) throw invalidId("food");
    return { food: foodJson(food) };
  },
};

export const foodsAutocomplete: ApiMethod = {
  name: "foods.autocomplete",
  summary: "Suggested search expressions for what a person has typed so far.",
  scope: "premier",
  userData: false,
  rest: { method: "GET", path: "/api/v1/foods/autocomplete" },
  parameters: [
    { name: "expression", type: "string", required: true, maxLength: 100, description: "What has been typed so far, e.g. \"chick\"" },
    { name: "max_results", type: "integer", min: 1, max: 10, description: "At most this many suggestions (default 4)" },
  ],
  example: { suggestions: { suggestion: ["chicken curry", "chicken noodle soup"] } },
  async handle(params, { store }) {
    const maxResults = params.optionalNumber("max_results") ?? 4;
    const page = await store.searchFoods(queryPrefixesOf(params.string("expression")), 0, maxResults * 5);
    const suggestions = [...new Set(page.foods.map((f) => normalizeSearchText(f.name)))].slice(0, maxResults);
    return { suggestions: { suggestion: suggestions } };
  },
};

export const foodFindIdForBarcode: ApiMethod = {
  name: "food.find_id_for_barcode",
  summary: "The food_id of a barcode (GTIN-13; UPC-A, EAN-13, EAN-8 and UPC-E are converted), or \"0\" when no food has it, as FatSecret answers.",
  scope: "barcode",
  userData: false,
  rest: { method: "GET", path: "/api/v1/foods/barcode" },
  parameters: [{ name: "barcode", type: "string", required: true, maxLength: 14, description: "The barcode's digits, e.g. 0041570054161" }],
  example: { food_id: { value: "4384" } },
  async handle(params, { store }) {
    const gtin = parseGtin13(params.string("barcode"));
    if (gtin === null) throw invalidType("barcode", "a GTIN-13, UPC-A, EAN-8 or UPC-E barcode with a valid check digit");
    return { food_id: { value: String(await store.findFoodIdByBarcode(gtin) ?? 0) } };
  },
};
