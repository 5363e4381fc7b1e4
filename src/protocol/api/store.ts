// What the API's handlers need from storage, as plain interfaces: store/kysely implements
// them (foods.ts, food-entries.ts, weights.ts, exercises.ts) on SQLite and PostgreSQL alike.
import type { Nutrients } from "../../foods/food-record.ts";

export type Serving = Readonly<{
  id: number;
  servingDescription: string;
  measurementDescription: string;
  numberOfUnits: number;
  metricServingAmount: number;
  metricServingUnit: string;
  nutrients: Nutrients;
}>;

export type Food = Readonly<{
  id: number;
  name: string;
  brandName: string | null;
  foodType: "Generic" | "Brand";
  source: string;
  barcode: string | null;
  /** the first is the default */
  servings: readonly Serving[];
}>;

export type FoodSearchPage = Readonly<{ total: number; foods: readonly Food[] }>;

export type FoodCatalogue = Readonly<{
  /** foods having every prefix among their words, best first; each with its default serving only */
  searchFoods(prefixes: readonly string[], offset: number, limit: number): Promise<FoodSearchPage>;
  findFood(id: number): Promise<Food | null>;
  findFoodIdByBarcode(gtin13: string): Promise<number | null>;
}>;

export type Meal = "breakfast" | "lunch" | "dinner" | "other";

export type FoodEntry = Readonly<{
  id: number;
  dateInt: number;
  meal: Meal;
  foodId: number;
  servingId: number;
  foodEntryName: string;
  numberOfUnits: number;
  servingDescription: string;
  /** of one serving; the entry's own values are these times numberOfUnits */
  unitNutrients: Nutrients;
}>;

export type NewFoodEntry = Omit<FoodEntry, "id">;

export type FoodEntryChanges = Partial<Pick<FoodEntry, "meal" | "foodEntryName" | "numberOfUnits" | "servingId" | "servingDescription" | "unitNutrients">>;

export type DayTotals = Readonly<{ dateInt: number; nutrients: Nutrients }>;

export type Diary = Readonly<{
  /** the entry created, or the one an earlier request with the same clientEntryId created */
  createFoodEntry(userId: string, entry: NewFoodEntry, clientEntryId: string | null, now: Date): Promise<FoodEntry>;
  findFoodEntry(userId: string, id: number): Promise<FoodEntry | null>;
  listFoodEntries(userId: string, dateInt: number): Promise<FoodEntry[]>;
  /** per-day sums from fromDateInt to toDateInt inclusive, days without entries left out */
  sumFoodEntriesByDay(userId: string, fromDateInt: number, toDateInt: number): Promise<DayTotals[]>;
  /** false when the user has no such entry (deleted ones included) */
  updateFoodEntry(userId: string, id: number, changes: FoodEntryChanges, now: Date): Promise<boolean>;
  /** true when the entry is gone afterwards, also when an earlier retry deleted it; false when it never was the user's */
  deleteFoodEntry(userId: string, id: number, now: Date): Promise<boolean>;
}>;

export type WeightEntry = Readonly<{ dateInt: number; weightKg: number; comment: string | null }>;

export type BodyProfile = Readonly<{ goalWeightKg: number | null; heightCm: number | null; weightMeasure: "kg" | "lb"; heightMeasure: "cm" | "inch" }>;

export type WeightLog = Readonly<{
  recordWeight(userId: string, entry: WeightEntry, now: Date): Promise<void>;
  listWeights(userId: string, fromDateInt: number, toDateInt: number): Promise<WeightEntry[]>;
  findLastWeight(userId: string): Promise<WeightEntry | null>;
  findBodyProfile(userId: string): Promise<BodyProfile | null>;
  updateBodyProfile(userId: string, changes: Partial<BodyProfile>, now: Date): Promise<void>;
}>;

export type ExerciseEntry = Readonly<{ id: number; dateInt: number; exerciseName: string; minutes: number; calories: number }>;

export type ExerciseLog = Readonly<{
  createExerciseEntry(userId: string, entry: Omit<ExerciseEntry, "id">, clientEntryId: string | null, now: Date): Promise<ExerciseEntry>;
  listExerciseEntries(userId: string, dateInt: number): Promise<ExerciseEntry[]>;
  deleteExerciseEntry(userId: string, id: number, now: Date): Promise<boolean>;
}>;

export type ApiStore = FoodCatalogue & Diary & WeightLog & ExerciseLog & Readonly<{
  findUserEmail(userId: string): Promise<string | null>;
}>;
