// USDA FoodData Central's CSV download (https://fdc.nal.usda.gov/download-datasets): food.csv
// (fdc_id, description), branded_food.csv (brand_owner, brand_name, gtin_upc, serving_size,
// serving_size_unit, household_serving_fulltext) and food_nutrient.csv (fdc_id, nutrient_id,
// amount per 100 g or ml). Columns are found by their header names. Files are streamed; any
// malformed line stops the read with its file and line, before anything is written.
import { createReadStream, existsSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { createCsvParser, CsvError } from "./csv.ts";
import { servingOf, type FoodRecord, type Nutrients } from "./food-record.ts";
import { parseGtin13 } from "./gtin.ts";

export const USDA_SOURCE = "USDA FoodData Central (public domain)";

export class ImportError extends Error {}

// FoodData Central nutrient ids → FatSecret's names (energy: kcal, else Atwater, else kJ)
const NUTRIENT_IDS: Readonly<Record<string, keyof Nutrients | "energyAtwater" | "energyKj">> = {
  1008: "calories", 2047: "energyAtwater", 2048: "energyAtwater", 1062: "energyKj",
  1003: "protein", 1004: "fat", 1005: "carbohydrate", 1079: "fiber", 2000: "sugar", 1063: "sugar",
  1093: "sodium", 1253: "cholesterol", 1258: "saturatedFat",
};

export type UsdaFiles = Readonly<{ food: string; branded: string | null; nutrients: string }>;

/** the files of a download: PATH is its directory or its food.csv */
export function locateUsdaFiles(path: string): UsdaFiles {
  if (!existsSync(path)) throw new ImportError(`${path}: no such file or directory`);
  const directory = statSync(path).isDirectory() ? path : dirname(path);
  const food = statSync(path).isDirectory() ? join(path, "food.csv") : path;
  const nutrients = join(directory, "food_nutrient.csv");
  const branded = join(directory, "branded_food.csv");
  if (!existsSync(food)) throw new ImportError(`${directory}: no food.csv (expected the FoodData Central CSV download)`);
  if (!existsSync(nutrients)) throw new ImportError(`${directory}: no food_nutrient.csv next to ${basename(food)}`);
  return { food, branded: existsSync(branded) ? branded : null, nutrients };
}

export type Progress = (bytesRead: number, totalBytes: number, file: string) => void;

/** each record of a CSV file as an object keyed by the header, checked for the needed columns */
async function readCsvFile(path: string, required: readonly string[], onRow: (row: Record<string, string>, line: number) => void, progress: (bytes: number) => void): Promise<void> {
  const parser = createCsvParser();
  let header: string[] | null = null;
  let line = 1;
  const handle = (records: string[][]) => {
    for (const record of records) {
      if (header === null) {
        header = record.map((h) => h.trim().replace(/^\uFEFF/, ""));
        const missing = required.filter((name) => !header?.includes(name));
        if (missing.length > 0) throw new ImportError(`${basename(path)}: missing column(s) ${missing.join(", ")}`);
        continue;
      }
      line++;
      if (record.length !== header.length) throw new ImportError(`${basename(path)} record ${line}: ${record.length} fields where the header has ${header.length}`);
      onRow(Object.fromEntries(header.map((name, i) => [name, record[i] ?? ""])), line);
    }
  };
  try {
    for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 20 })) {
      handle(parser.push(chunk as string));
      progress(Buffer.byteLength(chunk as string));
    }
    handle(parser.end());
  } catch (error) {
    if (error instanceof CsvError) throw new ImportError(`${basename(path)}: ${error.message}`);
    throw error;
  }
  if (header === null) throw new ImportError(`${basename(path)}: the file is empty`);
}

type Draft = { fdcId: string; name: string; dataType: string; brand: string | null; gtin: string | null; servingSize: number | null; servingUnit: string | null; household: string | null; values: Partial<Record<string, number>> };

export async function readUsdaFoods(files: UsdaFiles, onProgress: Progress = () => {}): Promise<{ foods: FoodRecord[]; skipped: number }> {
  const paths = [files.food, files.branded, files.nutrients].filter((p): p is string => p !== null);
  const totalBytes = paths.reduce((sum, p) => sum + statSync(p).size, 0);
  let bytesRead = 0;
  const progress = (file: string) => (bytes: number) => { bytesRead += bytes; onProgress(bytesRead, totalBytes, file); };
  const drafts = new Map<string, Draft>();
  const fdcIdOf = (row: Record<string, string>, file: string, line: number) => {
    const id = row.fdc_id?.trim() ?? "";
    if (!/^\d{1,12}$/.test(id)) throw new ImportError(`${file} record ${line}: fdc_id "${id.slice(0, 20)}" is not a number`);
    return id;
  };

  await readCsvFile(files.food, ["fdc_id", "description"], (row, line) => {
    const fdcId = fdcIdOf(row, "food.csv", line);
    const name = tidyName(row.description ?? "");
    if (name === "") throw new ImportError(`food.csv record ${line}: the description is empty`);
    drafts.set(fdcId, { fdcId, name, dataType: row.data_type ?? "", brand: null, gtin: null, servingSize: null, servingUnit: null, household: null, values: {} });
  }, progress("food.csv"));

  if (files.branded !== null) {
    await readCsvFile(files.branded, ["fdc_id", "gtin_upc"], (row, line) => {
      const draft = drafts.get(fdcIdOf(row, "branded_food.csv", line));
      if (draft === undefined) return;
      draft.brand = tidyName(row.brand_name || row.brand_owner || "") || null;
      draft.gtin = parseGtin13((row.gtin_upc ?? "").replace(/\D/g, ""));
      const size = Number.parseFloat(row.serving_size ?? "");
      draft.servingSize = Number.isFinite(size) && size > 0 && size < 100_000 ? size : null;
      draft.servingUnit = (row.serving_size_unit ?? "").toLowerCase();
      draft.household = (row.household_serving_fulltext ?? "").trim() || null;
    }, progress("branded_food.csv"));
  }

  await readCsvFile(files.nutrients, ["fdc_id", "nutrient_id", "amount"], (row, line) => {
    const draft = drafts.get(fdcIdOf(row, "food_nutrient.csv", line));
    const key = NUTRIENT_IDS[Number(row.nutrient_id)];
    if (draft === undefined || key === undefined) return;
    const amount = Number.parseFloat(row.amount ?? "");
    if (!Number.isFinite(amount) || amount < 0) throw new ImportError(`food_nutrient.csv record ${line}: amount "${(row.amount ?? "").slice(0, 20)}" is not a number`);
    if (draft.values[key] === undefined) draft.values[key] = amount;
  }, progress("food_nutrient.csv"));

  const foods: FoodRecord[] = [];
  let skipped = 0;
  for (const draft of drafts.values()) {
    const food = foodOf(draft);
    if (food === null) skipped++;
    else foods.push(food);
  }
  return { foods, skipped };
}

function foodOf(draft: Draft): FoodRecord | null {
  const v = draft.values;
  const calories = v.calories ?? v.energyAtwater ?? (v.energyKj === undefined ? undefined : v.energyKj / 4.184);
  if (calories === undefined) return null; // no energy value: nothing a diary could use
  const per100: Nutrients = {
    calories, carbohydrate: v.carbohydrate ?? 0, protein: v.protein ?? 0, fat: v.fat ?? 0,
    saturatedFat: v.saturatedFat ?? null, fiber: v.fiber ?? null, sugar: v.sugar ?? null, sodium: v.sodium ?? null, cholesterol: v.cholesterol ?? null,
  };
  const unit = draft.servingUnit === "ml" || draft.servingUnit === "mlt" ? "ml" : "g";
  const servings = [];
  if (draft.servingSize !== null && ["g", "grm", "ml", "mlt"].includes(draft.servingUnit ?? "")) {
    const amount = Math.round(draft.servingSize * 100) / 100;
    const description = draft.household === null ? `${amount} ${unit}` : `${draft.household} (${amount} ${unit})`;
    servings.push(servingOf(per100, description.slice(0, 100), "serving", amount, unit));
  }
  servings.push(servingOf(per100, `100 ${unit}`, unit, 100, unit, 100));
  const branded = draft.brand !== null || draft.gtin !== null || draft.dataType === "branded_food";
  return {
    sourceKey: `usda:${draft.fdcId}`,
    name: draft.name.slice(0, 200),
    brandName: draft.brand === null ? null : draft.brand.slice(0, 100),
    foodType: branded ? "Brand" : "Generic",
    foodGroup: null,
    source: `${USDA_SOURCE}, fdc_id ${draft.fdcId}${draft.dataType === "" ? "" : ` (${draft.dataType})`}`,
    barcode: draft.gtin,
    servings,
  };
}

/** "ORGANIC WHOLE MILK" → "Organic Whole Milk"; mixed-case names are kept */
function tidyName(value: string): string {
  const name = value.replace(/\s+/g, " ").trim();
  if (name !== name.toUpperCase() || !/[A-Z]/.test(name)) return name;
  return name.toLowerCase().replace(/(^|[\s\-/(&])([a-z])/g, (_m, before: string, letter: string) => before + letter.toUpperCase());
}
