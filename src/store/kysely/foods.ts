// The foods catalogue: idempotent bulk upsert (seed and imports), word-prefix search over the
// food_terms table (one query shape, one behaviour on SQLite and PostgreSQL), and lookups.
import { sql, type Selectable } from "kysely";
import type { FoodRecord, Nutrients } from "../../foods/food-record.ts";
import { indexTermsOf, prefixUpperBound } from "../../foods/normalize.ts";
import type { Food, FoodCatalogue, FoodSearchPage, Serving } from "../../protocol/api/store.ts";
import type { Db, FoodTable, ServingTable } from "./schema.ts";
import { toSeconds } from "./time.ts";

const BATCH_SIZE = 200;
/** the everyday foods people log most (foods/everyday.ts) come before raw ingredients that tie with them */
const CURATED_PREFIX = "fitgate:";

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
    const terms = batch.flatMap((f) => indexTermsOf(f.name, f.brandName).map((t) => ({ term: t.term, position: t.position, food_id: idOf.get(f.sourceKey) ?? 0 })));
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
 * then id (stable paging). One grouped pass over food_terms — a single index range for one
 * word; for several, limited to the foods matching the longest (most selective) prefix, so
 * common words and digits do not multiply the work. The same SQL on both databases.
 */
export async function searchFoods(db: Db, queryPrefixes: readonly string[], offset: number, limit: number): Promise<FoodSearchPage> {
  // "chick chicken" asks for a word starting with "chicken": the shorter prefix adds nothing
  const prefixes = queryPrefixes.filter((p) => !queryPrefixes.some((q) => q !== p && q.startsWith(p)));
  const [first] = prefixes;
  if (first === undefined) return { total: 0, foods: [] };
  const inRange = (prefix: string) => sql`(t.term >= ${prefix} and t.term < ${prefixUpperBound(prefix)})`;
  const longest = [...prefixes].sort((a, b) => b.length - a.length)[0] ?? first;
  // every prefix matched by some word of the food (max per prefix: cheaper than count(distinct))
  const everyPrefix = sql.join(prefixes.map((p) => sql`max(case when ${inRange(p)} then 1 else 0 end) = 1`), sql` and `);
  const matches = sql`
    select t.food_id,
      sum(case when t.term in (${sql.join(prefixes)}) then 1 else 0 end) as exact_hits,
      max(case when t.position = 0 and ${inRange(first)} then 1 else 0 end) as leads
    from food_terms t
    where ${prefixes.length === 1 ? sql`true` : sql`t.food_id in (select c.food_id from food_terms c where c.term >= ${longest} and c.term < ${prefixUpperBound(longest)})`}
      and (${sql.join(prefixes.map(inRange), sql` or `)})
    group by t.food_id
    having ${everyPrefix}`;
  // rank ids only (carrying whole rows through the sort costs more than fetching one page after)
  const ranked = await sql<{ id: number; total: number }>`
    select f.id, count(*) over () as total
    from (${matches}) m inner join foods f on f.id = m.food_id
    order by m.exact_hits desc, m.leads desc,
      case when f.source_key >= ${CURATED_PREFIX} and f.source_key < ${prefixUpperBound(CURATED_PREFIX)} then 0 else 1 end,
      length(f.name), f.id
    limit ${limit} offset ${offset}`.execute(db);
  const ids = ranked.rows.map((r) => Number(r.id));
  let total = Number(ranked.rows[0]?.total ?? 0);
  if (ids.length === 0 && offset > 0) {
    const counted = await sql<{ n: number }>`select count(*) as n from (${matches}) m`.execute(db);
    total = Number(counted.rows[0]?.n ?? 0);
  }
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
