// Foods, servings and nutrients in FatSecret's JSON shapes (foods.search, food.get,
// food_entries.get), numbers as strings. fitgate adds `source` (where the data comes from).
import type { Nutrients } from "../../foods/food-record.ts";
import { formatDecimal } from "./method.ts";
import type { Food, Serving } from "./store.ts";

export function nutrientsJson(nutrients: Nutrients, factor = 1): Record<string, string> {
  const json: Record<string, string> = {
    calories: formatDecimal(nutrients.calories * factor),
    carbohydrate: formatDecimal(nutrients.carbohydrate * factor),
    protein: formatDecimal(nutrients.protein * factor),
    fat: formatDecimal(nutrients.fat * factor),
  };
  const optional = { saturated_fat: nutrients.saturatedFat, fiber: nutrients.fiber, sugar: nutrients.sugar, sodium: nutrients.sodium, cholesterol: nutrients.cholesterol };
  for (const [name, value] of Object.entries(optional)) if (value !== null) json[name] = formatDecimal(value * factor);
  return json;
}

/** "Per 1 slice - Calories: 64kcal | Fat: 0.88g | Carbs: 11.97g | Protein: 1.98g" */
export function foodDescriptionOf(serving: Serving | undefined): string {
  if (serving === undefined) return "";
  const n = serving.nutrients;
  const grams = (value: number) => `${value.toFixed(2)}g`;
  return `Per ${serving.servingDescription} - Calories: ${Math.round(n.calories)}kcal | Fat: ${grams(n.fat)} | Carbs: ${grams(n.carbohydrate)} | Protein: ${grams(n.protein)}`;
}

export function foodSummaryJson(food: Food): Record<string, string> {
  return {
    food_id: String(food.id),
    food_name: food.name,
    food_type: food.foodType,
    ...(food.brandName === null ? {} : { brand_name: food.brandName }),
    food_description: foodDescriptionOf(food.servings[0]),
  };
}

export function servingJson(serving: Serving): Record<string, string> {
  return {
    serving_id: String(serving.id),
    serving_description: serving.servingDescription,
    metric_serving_amount: formatDecimal(serving.metricServingAmount),
    metric_serving_unit: serving.metricServingUnit,
    number_of_units: formatDecimal(serving.numberOfUnits),
    measurement_description: serving.measurementDescription,
    ...nutrientsJson(serving.nutrients),
  };
}

export function foodJson(food: Food): Record<string, unknown> {
  return {
    food_id: String(food.id),
    food_name: food.name,
    food_type: food.foodType,
    ...(food.brandName === null ? {} : { brand_name: food.brandName }),
    source: food.source,
    servings: { serving: food.servings.map(servingJson) },
  };
}
