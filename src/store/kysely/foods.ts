// The foods catalogue: idempotent bulk upsert (seed and imports), word-prefix search over the
// food_terms table (one query shape, one behaviour on SQLite and PostgreSQL), and lookups.
import { sql, type Selectable } from "kysely";
import type { FoodRecord, Nutrients } from "../../foods/food-record.ts";
import { prefixUpperBound } from "../../foods/normalize.ts";
import { searchTermRowsOf } from "../../foods/search-terms.ts";
import type { Food, FoodCatalogue, FoodSearchPage, Serving } from "../../protocol/api/store.ts";
import type { Db, FoodTable, ServingTable } from "./schema.ts";
import { toSeconds } from "./time.ts";

const BATCH_SIZE = 200;
/** a prefix matching more index rows than this is no candidate to drive a several-word search */
const DRIVING_COUNT_CAP = 1_000;

/** inserts or replaces (by sourceKey) every food with its servings and search terms; call in a transaction */
export async function upsertFoods(db: Db, foods: readonly FoodRecord[], now: Date): Promise<number> {
  const at = toSeconds(now);
  for (let start = 0; start < foods.length; start += BATCH_SIZE) {
    const batch = foods.slice(start, start + BATCH_SIZE);
    const rows = await db.insertInto("foods").values(batch.map((f) => ({
      source_key: f.sourceKey, name: f.name, brand_name: f.brandName, food_type: f.foodType, food_group: f.foodGroup,
      source: f.source, barcode: f.barcode, created_at: at, updated_at: at,
    }))).onConflict((oc) => oc.column("source_key").doUpdateSet((eb) => ({
      name: eb.ref("excluded.name"), brand_name: eb.ref("excluded.brand_name"), food_type: eb.ref("excluded.food_type"),
      food_group: eb.ref("excluded.food_group"), source: eb.ref("excluded.source"), barcode: eb.ref("excluded.barcode"),
      updated_at: eb.ref("excluded.updated_at"),
    }))).returning(["id", "source_key"]).execute();
    const idOf = new Map(rows.map((r) => [r.source_key, r.id]));
    const ids = rows.map((r) => r.id);
    await db.deleteFrom("servings").where("food_id", "in", ids).execute();
    await db.deleteFrom("food_terms").where("food_id", "in", ids).execute();
    const servings = batch.flatMap((f) => f.servings.map((s, position) => ({
      food_id: idOf.get(f.sourceKey) ?? 0, position,
      serving_description: s.servingDescription, measurement_description: s.measurementDescription,
      number_of_units: s.numberOfUnits, metric_serving_amount: s.metricServingAmount, metric_serving_unit: s.metricServingUnit,
      calories: s.nutrients.calories, carbohydrate: s.nutrients.carbohydrate, protein: s.nutrients.protein, fat: s.nutrients.fat,
      saturated_fat: s.nutrients.saturatedFat, fiber: s.nutrients.fiber, sugar: s.nutrients.sugar,
      sodium: s.nutrients.sodium, cholesterol: s.nutrients.cholesterol,
    })));
    if (servings.length > 0) await db.insertInto("servings").values(servings).execute();
    const terms = batch.flatMap((f) => searchTermRowsOf(f).map((t) => ({
      term: t.term, food_id: idOf.get(f.sourceKey) ?? 0, position: t.position, rank_group: t.rankGroup, name_length: t.nameLength,
      prev_term: t.prevTerm, lead_min: t.leadMin, lead_max: t.leadMax, all_terms: t.allTerms,
    })));
    if (terms.length > 0) await db.insertInto("food_terms").values(terms).execute();
  }
  return foods.length;
}

export async function countFoodsWithSourcePrefix(db: Db, prefix: string): Promise<number> {
  const row = await db.selectFrom("foods").select((eb) => eb.fn.countAll<number>().as("n"))
    .where("source_key", ">=", prefix).where("source_key", "<", prefixUpperBound(prefix)).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Foods having a word starting with each prefix. Ranked: most words matched exactly, then
 * names starting with the first prefix, then the curated everyday foods, then shorter names,
 * then id (stable paging). Every ranking input is on the food's rows of food_terms
 * (003-search-index), so a search reads one index range and nothing else: the rarest prefix's
 * range, one row per food (the first of its terms in the range), the other prefixes checked on
 * that row's all_terms — twice for one word (top-N page, count), once for several (their
 * checks are the cost). The same SQL on both databases.
 */
export async function searchFoods(db: Db, queryPrefixes: readonly string[], offset: number, limit: number): Promise<FoodSearchPage> {
  // terms are normalized words: no term starts with anything else (and LIKE sees no wildcards)
  if (queryPrefixes.some((p) => !/^[a-z0-9]+$/.test(p))) return { total: 0, foods: [] };
  // "chick chicken" asks for a word starting with "chicken": the shorter prefix adds nothing
  const prefixes = queryPrefixes.filter((p) => !queryPrefixes.some((q) => q !== p && q.startsWith(p)));
  const [first] = prefixes;
  if (first === undefined) return { total: 0, foods: [] };
  const driving = await findRarestPrefix(db, prefixes);
  const others = prefixes.filter((p) => p !== driving);
  const inRange = (column: "t.term" | "t.lead_min" | "t.lead_max", prefix: string) => sql`(${sql.ref(column)} >= ${prefix} and ${sql.ref(column)} < ${prefixUpperBound(prefix)})`;
  const matches = sql`from food_terms t
    where ${firstInRange(driving)} ${sql.join(others.map((p) => sql`and t.all_terms like ${`% ${p}%`}`), sql` `)}`;
  const exactHits = sql.join([sql`case when t.term = ${driving} then 1 else 0 end`,
    ...others.map((p) => sql`case when t.all_terms like ${`% ${p} %`} then 1 else 0 end`)], sql` + `);
  const rankable = sql`select t.food_id, ${exactHits} as exact_hits,
      case when ${inRange("t.lead_min", first)} or ${inRange("t.lead_max", first)} then 1 else 0 end as leads, t.rank_group, t.name_length ${matches}`;
  const order = sql`order by exact_hits desc, leads desc, rank_group, name_length, food_id limit ${limit} offset ${offset}`;
  let ranked: { rows: { food_id: number; total?: number }[] };
  let total: number;
  if (others.length === 0) {
    // one range of the index, read twice: a top-N sort, and a count
    ranked = await sql<{ food_id: number }>`select food_id from (${rankable}) m ${order}`.execute(db);
    total = Number((await sql<{ n: number }>`select count(*) as n ${matches}`.execute(db)).rows[0]?.n ?? 0);
  } else {
    // the words checked on each row of the driving range are the cost: check them once, then rank and count the foods kept
    ranked = await sql<{ food_id: number; total: number }>`with m as materialized (${rankable})
      select food_id, (select count(*) from m) as total from m ${order}`.execute(db);
    total = ranked.rows.length > 0 || offset === 0 ? Number(ranked.rows[0]?.total ?? 0)
      : Number((await sql<{ n: number }>`select count(*) as n ${matches}`.execute(db)).rows[0]?.n ?? 0);
  }
  const ids = ranked.rows.map((r) => Number(r.food_id));
  if (ids.length === 0) return { total, foods: [] };
  const [rows, servings] = await Promise.all([
    db.selectFrom("foods").selectAll().where("id", "in", ids).execute(),
    db.selectFrom("servings").selectAll().where("food_id", "in", ids).where("position", "=", 0).execute(),
  ]);
  const rowOf = new Map(rows.map((r) => [r.id, r]));
  const servingOf = new Map(servings.map((s) => [s.food_id, servingFromRow(s)]));
  const foods = ids.flatMap((id) => {
    const row = rowOf.get(id);
    return row === undefined ? [] : [foodFromRow(row, [servingOf.get(id)].filter((s) => s !== undefined))];
  });
  return { total, foods };
}

/** a food's first term in the prefix's range: the one row standing for the food, equal to the prefix when it is matched exactly */
function firstInRange(prefix: string) {
  return sql`t.term >= ${prefix} and t.term < ${prefixUpperBound(prefix)} and (t.prev_term is null or t.prev_term < ${prefix})`;
}

/** the prefix matching the fewest foods (counted up to a cap), longest first among ties */
async function findRarestPrefix(db: Db, prefixes: readonly string[]): Promise<string> {
  const byLength = [...prefixes].sort((a, b) => b.length - a.length);
  if (byLength.length === 1) return byLength[0] ?? "";
  const counts = await Promise.all(byLength.map(async (p) => {
    const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 from food_terms t where ${firstInRange(p)} limit ${DRIVING_COUNT_CAP}) r`.execute(db);
    return Number(rows[0]?.n ?? 0);
  }));
  return byLength[counts.indexOf(Math.min(...counts))] ?? "";
}

export async function findFood(db: Db, id: number): Promise<Food | null> {
  const row = await db.selectFrom("foods").selectAll().where("id", "=", id).executeTakeFirst();
  if (row === undefined) return null;
  const servings = await db.selectFrom("servings").selectAll().where("food_id", "=", id).orderBy("position").execute();
  return foodFromRow(row, servings.map(servingFromRow));
}

export async function findFoodIdByBarcode(db: Db, gtin13: string): Promise<number | null> {
  const row = await db.selectFrom("foods").select("id").where("barcode", "=", gtin13).orderBy("id").executeTakeFirst();
  return row?.id ?? null;
}

export function foodCatalogueOf(db: Db): FoodCatalogue {
  return {
    searchFoods: (prefixes, offset, limit) => searchFoods(db, prefixes, offset, limit),
    findFood: (id) => findFood(db, id),
    findFoodIdByBarcode: (gtin13) => findFoodIdByBarcode(db, gtin13),
  };
}

function foodFromRow(row: Selectable<FoodTable>, servings: Serving[]): Food {
  return { id: row.id, name: row.name, brandName: row.brand_name, foodType: row.food_type, source: row.source, barcode: row.barcode, servings };
}

function servingFromRow(row: Selectable<ServingTable>): Serving {
  const nutrients: Nutrients = {
    calories: row.calories, carbohydrate: row.carbohydrate, protein: row.protein, fat: row.fat,
    saturatedFat: row.saturated_fat, fiber: row.fiber, sugar: row.sugar, sodium: row.sodium, cholesterol: row.cholesterol,
  };
  return {
    id: row.id, servingDescription: row.serving_description, measurementDescription: row.measurement_description,
    numberOfUnits: row.number_of_units, metricServingAmount: row.metric_serving_amount, metricServingUnit: row.metric_serving_unit, nutrients,
  };
}
