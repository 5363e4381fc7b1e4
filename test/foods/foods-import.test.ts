// `fitgate foods import`: the USDA FoodData Central CSV format on both databases — brands and
// GTIN/UPC barcodes that the barcode lookup then finds, idempotent re-imports, and a malformed
// download that changes nothing; plus the CLI's exit codes and messages.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, cpSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { importUsdaDownload } from "../../src/commands/foods-import.ts";
import type { CliIo } from "../../src/commands/cli-io.ts";
import { seedFoods } from "../../src/foods/seed.ts";
import { ImportError } from "../../src/foods/usda-csv.ts";
import { runCli } from "../../src/main.ts";
import { findFood, findFoodIdByBarcode, searchFoods } from "../../src/store/kysely/foods.ts";
import { queryPrefixesOf } from "../../src/foods/normalize.ts";
import { databaseTargets, type TestDatabase } from "../helpers/databases.ts";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const quietIo = (lines: string[] = [], out: string[] = []): CliIo => ({ out: (t) => { out.push(t); }, err: (t) => { lines.push(t); }, readStdin: async () => "" });

async function countFoods(database: TestDatabase): Promise<number> {
  const row = await database.db.selectFrom("foods").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

const targets = await databaseTargets();
for (const target of targets) {
  describe(`foods import on ${target.dialect}`, { skip: target.skip }, () => {
    let database: TestDatabase;
    before(async () => { database = await target.open(); });
    after(async () => { await database.close(); });

    test("a FoodData Central download is imported with brands, servings and barcodes the lookup finds", async () => {
      const progress: string[] = [];
      const report = await importUsdaDownload(database.db, join(FIXTURES, "usda"), quietIo(progress));
      assert.deepEqual(report, { imported: 4, skipped_without_energy: 1, with_barcode: 2 });
      assert.ok(progress.some((line) => /^reading food_nutrient\.csv \[█+\] 100%$/.test(line)), progress.join("\n"));
      // a 12-digit UPC-A on the label finds the food as its GTIN-13
      const milkId = await findFoodIdByBarcode(database.db, "0742365004100");
      assert.ok(milkId !== null);
      const milk = await findFood(database.db, milkId);
      assert.equal(milk?.name, "Organic Whole Milk");
      assert.equal(milk?.brandName, "Horizon");
      assert.equal(milk?.foodType, "Brand");
      assert.match(milk?.source ?? "", /USDA FoodData Central \(public domain\), fdc_id 1105904/);
      assert.deepEqual(milk?.servings.map((s) => [s.servingDescription, s.metricServingAmount, s.metricServingUnit, s.nutrients.calories]), [["1 cup (240 ml)", 240, "ml", 148.8], ["100 ml", 100, "ml", 62]]);
      const almonds = (await searchFoods(database.db, queryPrefixesOf("almond"), 0, 5)).foods[0];
      assert.equal(almonds?.name, "Nuts, almonds");
      assert.equal(almonds?.servings[0]?.nutrients.calories, 579); // the Atwater energy when kcal (1008) is absent
      const creme = (await searchFoods(database.db, queryPrefixesOf("creme brulee"), 0, 5)).foods[0];
      assert.equal(creme?.name, "Crème Brûlée, \"Classic\", vanilla");
      assert.equal(creme?.servings[0]?.servingDescription, "1 pot (125 g)");
      assert.equal(Math.round(creme?.servings[0]?.nutrients.calories ?? 0), Math.round((1200 / 4.184) * 1.25)); // from kJ
    });

    test("importing the same download again updates the foods instead of duplicating them", async () => {
      const before = await countFoods(database);
      await importUsdaDownload(database.db, join(FIXTURES, "usda", "food.csv"), quietIo());
      assert.equal(await countFoods(database), before);
      assert.equal((await searchFoods(database.db, queryPrefixesOf("organic milk"), 0, 5)).total, 1);
    });

    test("a malformed download is refused with its file and record, and nothing of it is written", async () => {
      const before = await countFoods(database);
      await assert.rejects(importUsdaDownload(database.db, join(FIXTURES, "usda-malformed"), quietIo()),
        (error: unknown) => error instanceof ImportError && error.message === "food_nutrient.csv record 3: amount \"lots\" is not a number");
      assert.equal(await countFoods(database), before);
    });
  });
}

// SQLite nodes are separate processes (test/foods/foods-seed-on-serve.test.ts starts two): two
// synchronous connections in one process would block each other's event loop
for (const target of targets.filter((t) => t.dialect === "postgres")) {
  describe(`foods seeding on ${target.dialect}`, { skip: target.skip }, () => {
    test("two nodes starting at once on one database seed each food exactly once", async () => {
      const database = await target.open();
      try {
        const otherNode = database.connectAgain();
        const written = await Promise.all([seedFoods(database.db, database.dialect, new Date()), seedFoods(otherNode.db, otherNode.dialect, new Date())]);
        assert.ok(written.every((n) => n === 0 || n === 613), String(written));
        assert.equal(await countFoods(database), 613);
        const terms = await database.db.selectFrom("food_terms").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
        assert.ok(Number(terms.n) > 613);
      } finally {
        await database.close();
      }
    });
  });
}

describe("fitgate foods import (CLI)", () => {
  const directory = mkdtempSync(join(tmpdir(), "fitgate-import-"));
  const env = { FITGATE_DATABASE_URL: `sqlite:${join(directory, "fitgate.db")}`, FITGATE_MASTER_KEY: Buffer.alloc(32, 7).toString("base64") };
  after(() => rmSync(directory, { recursive: true, force: true }));

  const malformed: [string, (dir: string) => void, RegExp][] = [
    ["a missing column", (dir) => writeFileSync(join(dir, "food.csv"), "\"id\",\"description\"\n\"1\",\"x\"\n"), /food\.csv: missing column\(s\) fdc_id/],
    ["an unclosed quote", (dir) => writeFileSync(join(dir, "food.csv"), "\"fdc_id\",\"description\"\n\"1\",\"never closed\n"), /food\.csv: line 3: a quoted field is never closed/],
    ["a record with too many fields", (dir) => writeFileSync(join(dir, "food.csv"), "\"fdc_id\",\"description\"\n\"1\",\"x\",\"extra\"\n"), /food\.csv record 2: 3 fields where the header has 2/],
    ["a non-numeric fdc_id", (dir) => writeFileSync(join(dir, "food.csv"), "\"fdc_id\",\"description\"\n\"abc\",\"x\"\n"), /fdc_id "abc" is not a number/],
    ["no food_nutrient.csv", (dir) => rmSync(join(dir, "food_nutrient.csv")), /no food_nutrient\.csv/],
  ];
  for (const [label, spoil, message] of malformed) {
    test(`${label}: exit 65, a message naming the problem, nothing imported`, async () => {
      const download = mkdtempSync(join(directory, "download-"));
      cpSync(join(FIXTURES, "usda"), download, { recursive: true });
      spoil(download);
      const errors: string[] = [];
      assert.equal(await runCli(["foods", "import", download], quietIo(errors), env), 65);
      assert.match(errors.at(-1) ?? "", message);
      assert.match(errors.at(-1) ?? "", /nothing was imported$/);
    });
  }

  test("a good download prints what was imported, as JSON with --json", async () => {
    const out: string[] = [];
    assert.equal(await runCli(["foods", "import", join(FIXTURES, "usda"), "--json"], quietIo([], out), env), 0);
    assert.deepEqual(JSON.parse(out.join("")), { imported: 4, skipped_without_energy: 1, with_barcode: 2 });
    assert.equal(await runCli(["foods", "import"], quietIo(), env), 2);
  });
});
