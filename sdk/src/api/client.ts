// fitgate's API (SPEC §4) as typed functions: each one POSTs `method=…&format=json` to
// /rest/server.api, FatSecret's calling convention, so the same client works against
// platform.fatsecret.com for the catalogue methods. Dates are sent as ISO YYYY-MM-DD
// (fitgate also takes FatSecret's days-since-epoch integers).
import type { JsonObject } from "../http.ts";
import { parseFood, parseFoodSearchPage, type Food, type FoodSearchPage } from "./food-results.ts";
import { readApiResponse, type ApiTransport } from "./transport.ts";

export type Meal = "breakfast" | "lunch" | "dinner" | "other";
export type DateInput = Date | string;
type Params = Record<string, string | number | undefined>;

export type FitgateApiOptions = Readonly<{
  /** the issuer (http://localhost:8080) or the full endpoint URL (…/rest/server.api) */
  baseUrl: string | URL;
  transport: ApiTransport;
}>;

export type FitgateApi = ReturnType<typeof createFitgateApi>;

export function createFitgateApi(options: FitgateApiOptions) {
  const base = new URL(options.baseUrl);
  const endpoint = base.pathname.endsWith("server.api") ? base : new URL("/rest/server.api", base);

  /** any method by name, for methods this client does not wrap yet */
  const call = async (method: string, params: Params = {}): Promise<JsonObject> => {
    const form = new URLSearchParams({ method, format: "json" });
    for (const [name, value] of Object.entries(params)) if (value !== undefined) form.set(name, String(value));
    return readApiResponse(await options.transport(endpoint, form));
  };

  return {
    call,
    foods: {
      /** scope basic; pageNumber is zero-based, maxResults at most 50 */
      async search(searchExpression: string, page: { pageNumber?: number; maxResults?: number } = {}): Promise<FoodSearchPage> {
        return parseFoodSearchPage(await call("foods.search", { search_expression: searchExpression, page_number: page.pageNumber, max_results: page.maxResults }));
      },
      /** scope basic */
      async get(foodId: number | string): Promise<Food> {
        return parseFood(await call("food.get", { food_id: foodId }));
      },
      /** scope premier */
      autocomplete: (expression: string, maxResults?: number) => call("foods.autocomplete", { expression, max_results: maxResults }),
      /** scope barcode */
      findIdForBarcode: (barcode: string) => call("food.find_id_for_barcode", { barcode }),
    },
    profile: {
      /** scope profile */
      get: () => call("profile.get"),
    },
    diary: {
      /** scope diary:read; the entries of one day (default today) with the day's totals */
      getEntries: (date?: DateInput) => call("food_entries.get", { date: optionalDate(date) }),
      /** scope diary:read */
      getEntry: (foodEntryId: number | string) => call("food_entries.get", { food_entry_id: foodEntryId }),
      /** scope diary:read; each day's totals in the month holding `date` */
      getMonth: (date?: DateInput) => call("food_entries.get_month", { date: optionalDate(date) }),
      /** scope diary:write; clientEntryId makes a retried call log the entry once */
      createEntry: (entry: { foodId: number | string; numberOfUnits: number; meal: Meal; servingId?: number | string; foodEntryName?: string; date?: DateInput; clientEntryId?: string }) =>
        call("food_entry.create", {
          food_id: entry.foodId, serving_id: entry.servingId, number_of_units: entry.numberOfUnits, meal: entry.meal,
          food_entry_name: entry.foodEntryName, date: optionalDate(entry.date), client_entry_id: entry.clientEntryId,
        }),
      /** scope diary:write; what is left out keeps its value */
      editEntry: (foodEntryId: number | string, changes: { foodEntryName?: string; servingId?: number | string; numberOfUnits?: number; meal?: Meal }) =>
        call("food_entry.edit", {
          food_entry_id: foodEntryId, food_entry_name: changes.foodEntryName, serving_id: changes.servingId,
          number_of_units: changes.numberOfUnits, meal: changes.meal,
        }),
      /** scope diary:write */
      deleteEntry: (foodEntryId: number | string) => call("food_entry.delete", { food_entry_id: foodEntryId }),
    },
    weight: {
      /** scope weight:write */
      update: (entry: { currentWeightKg: number; date?: DateInput; comment?: string; goalWeightKg?: number; currentHeightCm?: number }) =>
        call("weight.update", {
          current_weight_kg: entry.currentWeightKg, date: optionalDate(entry.date), comment: entry.comment,
          goal_weight_kg: entry.goalWeightKg, current_height_cm: entry.currentHeightCm,
        }),
      /** scope weight:read; the month holding `date` (default this month) */
      getMonth: (date?: DateInput) => call("weights.get_month", { date: optionalDate(date) }),
    },
    exercise: {
      /** scope exercise:read */
      getEntries: (date?: DateInput) => call("exercise_entries.get", { date: optionalDate(date) }),
      /** scope exercise:write; calories estimated by the server when left out */
      createEntry: (entry: { exerciseName: string; minutes: number; calories?: number; date?: DateInput }) =>
        call("exercise_entry.create", { exercise_name: entry.exerciseName, minutes: entry.minutes, calories: entry.calories, date: optionalDate(entry.date) }),
      /** scope exercise:write */
      deleteEntry: (exerciseEntryId: number | string) => call("exercise_entry.delete", { exercise_entry_id: exerciseEntryId }),
    },
  };
}

/** YYYY-MM-DD, UTC for a Date; a string is passed as given (ISO date or FatSecret date_int) */
function optionalDate(date: DateInput | undefined): string | undefined {
  return date === undefined || typeof date === "string" ? date : date.toISOString().slice(0, 10);
}
