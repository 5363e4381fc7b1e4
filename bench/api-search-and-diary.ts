// Benchmark: the protected API at real data sizes — foods.search over the seeded foods plus
// 100 000 generated foods imported through `fitgate foods import`'s own code path, and
// food_entries.get for a user with two years of diary — each beside a bare Fastify route
// answering a same-sized JSON in the same run and process; foods.search both with every search
// reaching the database and with the per-node search cache. 127.0.0.1 only, bounded duration.
//
//   node bench/api-search-and-diary.ts [--seconds 5] [--connections 10] [--foods 100000] [--postgres]
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Fastify from "fastify";
import { sql } from "kysely";
import { importUsdaDownload } from "../src/commands/foods-import.ts";
import { seedFoods } from "../src/foods/seed.ts";
import { dateIntOf } from "../src/protocol/api/dates.ts";
import { queryPrefixesOf } from "../src/foods/normalize.ts";
import { findFood, searchFoods } from "../src/store/kysely/foods.ts";
import { createTestClient, freePort, startTestServer } from "../test/helpers/app.ts";
import { databaseTargets } from "../test/helpers/databases.ts";
import { clientCredentialsBearer, userBearer } from "../test/http/api-credentials.ts";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" }, connections: { type: "string", default: "10" },
    foods: { type: "string", default: "100000" }, postgres: { type: "boolean", default: false },
  },
  strict: true,
});
const seconds = Math.min(60, Math.max(1, Number(values.seconds)));
const connections = Math.min(100, Math.max(1, Number(values.connections)));
const foodCount = Math.min(500_000, Math.max(1_000, Number(values.foods)));

type Request = { method: string; path: string; headers?: Record<string, string> };

async function measure(title: string, url: string, requests: Request[]): Promise<number> {
  const result = await autocannon({ url, connections, duration: seconds, requests });
  console.log(`${title.padEnd(44)} ${result.requests.average.toFixed(0).padStart(7)} req/s  p99 ${String(result.latency.p99).padStart(4)} ms  ${result.non2xx + result.errors} failed`);
  return result.requests.average;
}
const ratio = (what: string, fitgate: number, bare: number) => console.log(`ratio: ${what} = ${(fitgate / bare * 100).toFixed(1)}% of bare Fastify\n`);

/** a FoodData Central download of `count` branded foods named from a food vocabulary */
function generateDownload(directory: string, count: number): void {
  const brands = ["Acme", "Sunny Farms", "Golden Valley", "Northwind", "Blue Hill", "Harvest Moon", "Green Leaf", "Old Mill"];
  const foods = ["Chicken", "Toast", "Milk", "Rice", "Cheese", "Yogurt", "Bread", "Cereal", "Pasta", "Soup", "Salad", "Beans", "Cookies", "Juice", "Granola", "Oats"];
  const styles = ["Original", "Whole Wheat", "Low Fat", "Organic", "Spicy", "Honey", "Vanilla", "Garlic", "Classic", "Light", "Crunchy", "Creamy"];
  const food = ["\"fdc_id\",\"data_type\",\"description\",\"food_category_id\",\"publication_date\""];
  const branded = ["\"fdc_id\",\"brand_owner\",\"brand_name\",\"gtin_upc\",\"serving_size\",\"serving_size_unit\",\"household_serving_fulltext\""];
  const nutrients = ["\"id\",\"fdc_id\",\"nutrient_id\",\"amount\""];
  for (let i = 0; i < count; i++) {
    const id = 5_000_000 + i;
    const name = `${styles[i % styles.length]} ${foods[Math.floor(i / styles.length) % foods.length]} ${i % 7 === 0 ? "Bites" : "Pack"} ${i}`;
    food.push(`"${id}","branded_food","${name}","","2024-01-01"`);
    branded.push(`"${id}","${brands[i % brands.length]} Inc.","${brands[i % brands.length]}","${String(100_000_000_000 + i)}","30","g","1 serving"`);
    [[1008, 100 + (i % 400)], [1003, i % 30], [1004, i % 25], [1005, i % 70]].forEach(([nutrient, amount], n) => nutrients.push(`"${i * 4 + n}","${id}","${nutrient}","${amount}"`));
  }
  writeFileSync(join(directory, "food.csv"), `${food.join("\n")}\n`);
  writeFileSync(join(directory, "branded_food.csv"), `${branded.join("\n")}\n`);
  writeFileSync(join(directory, "food_nutrient.csv"), `${nutrients.join("\n")}\n`);
}

const target = (await databaseTargets()).find((t) => t.dialect === (values.postgres ? "postgres" : "sqlite"));
if (target === undefined || target.skip !== false) throw new Error(`database unavailable: ${target?.skip}`);
const database = await target.open();
const noRateLimits = { FITGATE_TOKEN_RATE_LIMIT_PER_CLIENT: "0", FITGATE_TOKEN_RATE_LIMIT_PER_ADDRESS: "0" };
// every search asks the database; a second node on the same database keeps the default 30 s search cache
const server = await startTestServer(database, { env: { ...noRateLimits, FITGATE_SEARCH_CACHE_SECONDS: "0" } });
const cachingServer = await startTestServer(database, { env: noRateLimits });
const downloadDirectory = mkdtempSync(join(tmpdir(), "fitgate-bench-"));

const bare = Fastify();
const barePort = await freePort();

try {
  let started = Date.now();
  await seedFoods(server.deps.db, server.deps.dialect, new Date());
  generateDownload(downloadDirectory, foodCount);
  const report = await importUsdaDownload(server.deps.db, downloadDirectory, { out: () => {}, err: () => {}, readStdin: async () => "" });
  console.log(`seeded foods + imported ${report.imported} generated foods in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const { client, secrets } = await createTestClient(server.deps);
  if (secrets === null) throw new Error("confidential client expected");
  const catalogueToken = await clientCredentialsBearer(server, client.id, secrets.clientSecret);
  // tokens name their issuer, and each test server is its own issuer
  const cachingServerToken = await clientCredentialsBearer(cachingServer, client.id, secrets.clientSecret);
  const user = await userBearer(server, client.id, secrets.clientSecret, "basic diary:read diary:write");

  // two years of diary: five entries a day
  started = Date.now();
  const toast = await findFood(server.deps.db, 1);
  const serving = toast?.servings[0];
  if (toast === null || serving === undefined) throw new Error("seeded foods expected");
  const today = dateIntOf(new Date());
  const meals = ["breakfast", "breakfast", "lunch", "dinner", "other"];
  const rows = Array.from({ length: 730 * meals.length }, (_, i) => ({
    user_id: user.userId, client_entry_id: null, date_int: today - Math.floor(i / meals.length), meal: meals[i % meals.length] as string,
    food_id: toast.id, serving_id: serving.id, food_entry_name: toast.name, number_of_units: 1 + (i % 3),
    serving_description: serving.servingDescription, unit_nutrients: JSON.stringify(serving.nutrients), created_at: 0, updated_at: 0, deleted_at: null,
  }));
  for (let start = 0; start < rows.length; start += 500) await server.deps.db.insertInto("food_entries").values(rows.slice(start, start + 500)).execute();
  console.log(`wrote ${rows.length} diary entries (two years) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // bare Fastify answers what fitgate answers, byte for byte, without auth, parsing or database
  const searches = ["chicken", "toast", "whole wheat", "organic milk", "rice", "creamy yog", "honey oats", "cheese"];
  const sample = async (path: string, token: string) => (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).text();
  const searchBodies = new Map(await Promise.all(searches.map(async (q) => [q, await sample(`/api/v1/foods/search?search_expression=${encodeURIComponent(q)}`, catalogueToken)] as const)));
  const diaryBody = await sample(`/api/v1/food-entries?date=${today - 100}`, user.token);
  bare.get("/search", async (request, reply) => reply.type("application/json").send(searchBodies.get((request.query as { q: string }).q)));
  bare.get("/diary", async (_request, reply) => reply.type("application/json").send(diaryBody));
  await bare.listen({ host: "127.0.0.1", port: barePort });

  console.log(`${seconds} s each, ${connections} connections, ${target.dialect}, 127.0.0.1`);
  const bareSearch = await measure("bare Fastify GET /search", `http://127.0.0.1:${barePort}`, searches.map((q) => ({ method: "GET", path: `/search?q=${encodeURIComponent(q)}` })));
  const searchRequests = searches.map((q) => ({ method: "GET", path: `/rest/server.api?method=foods.search&format=json&search_expression=${encodeURIComponent(q)}`, headers: { authorization: `Bearer ${catalogueToken}` } }));
  if (target.dialect === "postgres") {
    // right after a bulk import PostgreSQL's visibility map is empty, so index-only scans read
    // the table too; autovacuum sets it within about a minute of an import this size
    await measure("fitgate foods.search, before autovacuum", server.url, searchRequests);
    started = Date.now();
    await sql`vacuum (analyze) foods, servings, food_terms`.execute(server.deps.db);
    console.log(`vacuum (analyze), as autovacuum does after an import, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const fitgateSearch = await measure(`fitgate foods.search (${report.imported + 600} foods)`, server.url, searchRequests);
  ratio("foods.search", fitgateSearch, bareSearch);
  const cachedSearch = await measure("fitgate foods.search, 30 s search cache", cachingServer.url,
    searches.map((q) => ({ method: "GET", path: `/rest/server.api?method=foods.search&format=json&search_expression=${encodeURIComponent(q)}`, headers: { authorization: `Bearer ${cachingServerToken}` } })));
  ratio("foods.search with the search cache", cachedSearch, bareSearch);
  const bareDiary = await measure("bare Fastify GET /diary", `http://127.0.0.1:${barePort}`, [{ method: "GET", path: "/diary" }]);
  const fitgateDiary = await measure("fitgate food_entries.get (2 years of diary)", server.url,
    Array.from({ length: 30 }, (_, i) => ({ method: "GET", path: `/api/v1/food-entries?date=${today - i * 23}`, headers: { authorization: `Bearer ${user.token}` } })));
  ratio("food_entries.get", fitgateDiary, bareDiary);

  // the SQL behind each benchmark search, one at a time: first page of 20 and its total
  for (const q of searches) {
    const prefixes = queryPrefixesOf(q);
    const { total } = await searchFoods(server.deps.db, prefixes, 0, 20);
    started = performance.now();
    for (let i = 0; i < 20; i++) await searchFoods(server.deps.db, prefixes, 0, 20);
    console.log(`searchFoods ${JSON.stringify(q).padEnd(15)} ${String(total).padStart(6)} matches  ${((performance.now() - started) / 20).toFixed(1).padStart(5)} ms`);
  }
} finally {
  await bare.close();
  await cachingServer.close();
  await server.close();
  await database.close();
  rmSync(downloadDirectory, { recursive: true, force: true });
}
