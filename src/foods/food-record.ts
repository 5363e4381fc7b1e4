// A food as the seed builder and the importers produce it, before it has a database id.
// Nutrients are per serving, in FatSecret's units: kcal, grams, and milligrams for sodium
// and cholesterol.

export type Nutrients = Readonly<{
  calories: number;
  carbohydrate: number;
  protein: number;
  fat: number;
  saturatedFat: number | null;
  fiber: number | null;
  sugar: number | null;
  sodium: number | null;
  cholesterol: number | null;
}>;

export type ServingRecord = Readonly<{
  /** "1 slice", "100 g", "1 cup (240 ml)" */
  servingDescription: string;
  /** "slice", "g", "cup" */
  measurementDescription: string;
  numberOfUnits: number;
  metricServingAmount: number;
  metricServingUnit: "g" | "ml";
  nutrients: Nutrients;
}>;

export type FoodRecord = Readonly<{
  /** stable id in its source ("ifct:A001", "fitgate:toast-white", "usda:2345678"): re-imports update, never duplicate */
  sourceKey: string;
  name: string;
  brandName: string | null;
  foodType: "Generic" | "Brand";
  foodGroup: string | null;
  /** origin and licence of the data, shown with the food */
  source: string;
  /** GTIN-13 */
  barcode: string | null;
  servings: readonly ServingRecord[];
}>;

export const NUTRIENT_NAMES = ["calories", "carbohydrate", "protein", "fat", "saturatedFat", "fiber", "sugar", "sodium", "cholesterol"] as const;

export function scaleNutrients(per100: Nutrients, factor: number): Nutrients {
  const scale = (value: number | null) => value === null ? null : Math.round(value * factor * 1000) / 1000;
  return {
    calories: scale(per100.calories) ?? 0,
    carbohydrate: scale(per100.carbohydrate) ?? 0,
    protein: scale(per100.protein) ?? 0,
    fat: scale(per100.fat) ?? 0,
    saturatedFat: scale(per100.saturatedFat),
    fiber: scale(per100.fiber),
    sugar: scale(per100.sugar),
    sodium: scale(per100.sodium),
    cholesterol: scale(per100.cholesterol),
  };
}

/** a serving of `amount` g (or ml) described as `description`, from values per 100 g (or ml) */
export function servingOf(per100: Nutrients, description: string, measurement: string, amount: number, unit: "g" | "ml" = "g", numberOfUnits = 1): ServingRecord {
  return {
    servingDescription: description,
    measurementDescription: measurement,
    numberOfUnits,
    metricServingAmount: amount,
    metricServingUnit: unit,
    nutrients: scaleNutrients(per100, amount / 100),
  };
}
