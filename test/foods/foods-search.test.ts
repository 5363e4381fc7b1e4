// Food search has one behaviour on SQLite and PostgreSQL: the same table of queries gives the
// same foods in the same order on both — case and accents ignored, every word a prefix,
// plurals found, ranked (exact words, then names starting with the query, then the everyday
// foods people log, then shorter names), paged.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { queryPrefixesOf } from "../../src/foods/normalize.ts";
import { seedFoods } from "../../src/foods/seed.ts";
import { searchFoods } from "../../src/store/kysely/foods.ts";
import { databaseTargets, type TestDatabase } from "../helpers/databases.ts";

const QUERIES: [string, number, string[]][] = [
  ["toast", 4, ["Toast with butter", "Toast, white bread", "Toast, whole wheat bread", "French toast"]],
  ["TOÁST", 4, ["Toast with butter", "Toast, white bread", "Toast, whole wheat bread", "French toast"]],
  ["whole wheat", 3, ["Bread, whole wheat", "Toast, whole wheat bread", "Wheat, whole"]],
  ["WHOLE whe", 3, ["Bread, whole wheat", "Toast, whole wheat bread", "Wheat, whole"]],
  ["milk", 9, ["Milk, whole", "Milk, skimmed", "Milk, semi-skimmed (2%)", "Milk fish"]],
  ["cafe latte", 1, ["Café latte"]],
  ["pizza", 2, ["Pizza, cheese", "Pizza, pepperoni"]],
  ["ric cook", 2, ["Rice, white, cooked", "Rice, brown, cooked"]],
  ["yogurt greek", 1, ["Greek yogurt, plain, nonfat"]],
  ["eggs", 20, ["Egg, fried", "Egg, boiled", "Eggs, scrambled", "Eggs, Cat fish"]],
  ["xyzzy", 0, []],
  ["!!!", 0, []],
];

const targets = await databaseTargets();
for (const target of targets) {
  describe(`food search on ${target.dialect}`, { skip: target.skip }, () => {
    let database: TestDatabase;
    before(async () => {
      database = await target.open();
      assert.ok(await seedFoods(database.db, database.dialect, new Date()) > 600);
      assert.equal(await seedFoods(database.db, database.dialect, new Date()), 0, "seeding twice writes nothing the second time");
    });
    after(async () => { await database.close(); });

    for (const [query, total, firstFour] of QUERIES) {
      test(`"${query}" finds ${total} foods, first ${JSON.stringify(firstFour)}`, async () => {
        const page = await searchFoods(database.db, queryPrefixesOf(query), 0, 4);
        assert.equal(page.total, total);
        assert.deepEqual(page.foods.map((f) => f.name), firstFour);
      });
    }

    test("pages follow each other without gaps or repeats, and past the end is empty", async () => {
      const all = await searchFoods(database.db, queryPrefixesOf("milk"), 0, 50);
      const paged = [];
      for (let offset = 0; offset < all.total; offset += 2) paged.push(...(await searchFoods(database.db, queryPrefixesOf("milk"), offset, 2)).foods);
      assert.deepEqual(paged.map((f) => f.id), all.foods.map((f) => f.id));
      const past = await searchFoods(database.db, queryPrefixesOf("milk"), 1000, 2);
      assert.deepEqual([past.total, past.foods.length], [all.total, 0]);
    });

    test("a result carries its default serving for the description line", async () => {
      const [toast] = (await searchFoods(database.db, queryPrefixesOf("toast white"), 0, 1)).foods;
      assert.deepEqual(toast?.servings.map((s) => s.servingDescription), ["1 slice"]);
    });
  });
}
