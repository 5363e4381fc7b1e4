// Food search answers exactly what its rules say, on both databases: every query below is also
// ranked by a plain reading of the rules over every food (no index, no SQL) — the foods matched,
// their order and the total — so the index that makes search fast (003-search-index: ranking
// inputs on each term, one row per food per prefix, the rarest prefix driving) changes nothing.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { FoodRecord } from "../../src/foods/food-record.ts";
import { indexTermsOf, queryPrefixesOf } from "../../src/foods/normalize.ts";
import { seedFoods } from "../../src/foods/seed.ts";
import { searchFoods, upsertFoods } from "../../src/store/kysely/foods.ts";
import { databaseTargets, type TestDatabase } from "../helpers/databases.ts";

/** foods built to separate the ranking rules: plurals at and after the first word, brands, long words, ties */
const CRAFTED: [string, string | null][] = [
  ["Eggplant with egg", null], ["Egg noodles, eggs added", "Eggo"], ["Berries, mixed", null], ["Mixed berry smoothie", "Berri Co"],
  ["Toasted oats", "Toast Co"], ["Oat toast", null], ["Whole wheat toast, toasted", null], ["Wheat, whole, toast", "Whole Foods"],
  [`${"x".repeat(64)}s chips`, null], [`${"y".repeat(70)}s chips`, null], ["Crème brûlée", "Café Ça"], ["Café latte, café", null], ["Milk", null], ["Milk", "Milky"],
];

const QUERIES = [
  "egg", "eggs", "eg", "berry", "berri", "berries", "toast", "toa", "toast oat", "oat toast", "to oa", "whole wheat", "wheat whole toast",
  "wh wh", "w", "milk", "milk milky", "creme", "cafe", "cafe latte", "ca", "x", "chips", "rice cooked", "chicken", "ch ch", "a b", "2",
];

type Indexed = { id: number; name: string; sourceKey: string; terms: { term: string; position: number }[] };

/** the rules as docs/api.md states them, read literally */
function expectedSearch(foods: readonly Indexed[], queryPrefixes: readonly string[]): number[] {
  const prefixes = queryPrefixes.filter((p) => !queryPrefixes.some((q) => q !== p && q.startsWith(p)));
  const [first] = prefixes;
  if (first === undefined) return [];
  const ranked = foods.filter((f) => prefixes.every((p) => f.terms.some((t) => t.term.startsWith(p)))).map((f) => ({
    id: f.id,
    key: [
      -prefixes.filter((p) => f.terms.some((t) => t.term === p)).length,
      f.terms.some((t) => t.position === 0 && t.term.startsWith(first)) ? 0 : 1,
      f.sourceKey.startsWith("fitgate:") ? 0 : 1,
      [...f.name].length,
      f.id,
    ],
  }));
  ranked.sort((a, b) => a.key.reduce((order, value, i) => order !== 0 ? order : value - (b.key[i] ?? 0), 0));
  return ranked.map((r) => r.id);
}

function craftedFood(name: string, brandName: string | null, i: number): FoodRecord {
  const nutrients = { calories: 1, carbohydrate: 0, protein: 0, fat: 0, saturatedFat: null, fiber: null, sugar: null, sodium: null, cholesterol: null };
  return {
    sourceKey: `test:${i}`, name, brandName, foodType: brandName === null ? "Generic" : "Brand", foodGroup: null, source: "test", barcode: null,
    servings: [{ servingDescription: "100 g", measurementDescription: "g", numberOfUnits: 100, metricServingAmount: 100, metricServingUnit: "g", nutrients }],
  };
}

const targets = await databaseTargets();
for (const target of targets) {
  describe(`food search ranking on ${target.dialect}`, { skip: target.skip }, () => {
    let database: TestDatabase;
    let indexed: Indexed[];
    before(async () => {
      database = await target.open();
      await seedFoods(database.db, database.dialect, new Date());
      await upsertFoods(database.db, CRAFTED.map(([name, brand], i) => craftedFood(name, brand, i)), new Date());
      const rows = await database.db.selectFrom("foods").select(["id", "name", "brand_name", "source_key"]).execute();
      indexed = rows.map((r) => ({ id: Number(r.id), name: r.name, sourceKey: r.source_key, terms: indexTermsOf(r.name, r.brand_name) }));
    });
    after(async () => { await database.close(); });

    for (const query of QUERIES) {
      test(`"${query}" matches, orders and counts the foods as the rules say, page by page`, async () => {
        const prefixes = queryPrefixesOf(query);
        const expected = expectedSearch(indexed, prefixes);
        for (const [offset, limit] of [[0, 20], [0, 7], [7, 7], [expected.length - 3, 5], [expected.length + 10, 5]] as const) {
          const page = await searchFoods(database.db, prefixes, Math.max(0, offset), limit);
          assert.equal(page.total, expected.length, `total at offset ${offset}`);
          assert.deepEqual(page.foods.map((f) => f.id), expected.slice(Math.max(0, offset), Math.max(0, offset) + limit), `page at offset ${offset}`);
        }
      });
    }

    test("a prefix no normalized word can start with (a LIKE wildcard, an empty word, upper case) finds nothing", async () => {
      for (const prefixes of [["%"], ["toast", "%"], ["toast", "_"], ["toast", ""], ["Toast"], ["toast", "oat%"]]) {
        assert.deepEqual(await searchFoods(database.db, prefixes, 0, 5), { total: 0, foods: [] }, JSON.stringify(prefixes));
      }
    });

    test("renaming a food on re-import moves it in the ranking at once", async () => {
      await upsertFoods(database.db, [craftedFood("Milk, a much longer name now", null, CRAFTED.findIndex(([n, b]) => n === "Milk" && b === null))], new Date());
      const rows = await database.db.selectFrom("foods").select(["id", "name", "brand_name", "source_key"]).execute();
      const renamed = rows.map((r) => ({ id: Number(r.id), name: r.name, sourceKey: r.source_key, terms: indexTermsOf(r.name, r.brand_name) }));
      const page = await searchFoods(database.db, queryPrefixesOf("milk"), 0, 50);
      assert.deepEqual(page.foods.map((f) => f.id), expectedSearch(renamed, queryPrefixesOf("milk")).slice(0, 50));
    });
  });
}
