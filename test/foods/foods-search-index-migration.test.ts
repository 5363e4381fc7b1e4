// Migration 003-search-index on a catalogue written before it: every existing term gets the
// ranking inputs new imports write (searchTermRowsOf), computed in SQL by the backfill, so a
// database upgraded in place searches exactly like a fresh one — on SQLite and PostgreSQL.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "kysely";
import { Migrator } from "kysely/migration";
import { indexTermsOf, queryPrefixesOf } from "../../src/foods/normalize.ts";
import { searchTermRowsOf } from "../../src/foods/search-terms.ts";
import { searchFoods } from "../../src/store/kysely/foods.ts";
import { migrateToLatest } from "../../src/store/kysely/migrate.ts";
import { migrations } from "../../src/store/kysely/migrations/index.ts";
import { databaseTargets, type TestDatabase } from "../helpers/databases.ts";

const FOODS: [string, string, string | null][] = [
  ["fitgate:toast-white", "Toast, white bread", null], ["usda:1", "Toast, white bread", "Acme"], ["usda:2", "Berries, mixed", null],
  ["usda:3", "Eggplant with egg", "Crème Co"], ["usda:4", `${"x".repeat(64)}s chips`, null], ["usda:5", "日本", null],
];

const targets = await databaseTargets();
for (const target of targets) {
  describe(`search index migration on ${target.dialect}`, { skip: target.skip }, () => {
    let database: TestDatabase;
    let migrator: Migrator;
    before(async () => {
      database = await target.open({ migrate: false });
      const schema = database.dialect === "postgres" ? (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]?.s : undefined;
      migrator = new Migrator({ db: database.db, ...(schema === undefined ? {} : { migrationTableSchema: schema }), provider: { getMigrations: async () => ({ ...migrations }) } });
      const { error } = await migrator.migrateTo("002-api-data");
      if (error !== undefined) throw error;
      // the catalogue as 002 wrote it: terms with their positions only
      for (const [sourceKey, name, brand] of FOODS) {
        const { id } = await sql<{ id: number }>`insert into foods (source_key, name, brand_name, food_type, source, created_at, updated_at)
          values (${sourceKey}, ${name}, ${brand}, 'Generic', 'test', 0, 0) returning id`.execute(database.db).then((r) => r.rows[0] ?? { id: 0 });
        for (const t of indexTermsOf(name, brand)) await sql`insert into food_terms (term, food_id, position) values (${t.term}, ${id}, ${t.position})`.execute(database.db);
      }
      await migrateToLatest(database.db);
    });
    after(async () => { await database.close(); });

    test("every term carries the ranking inputs a fresh import would write", async () => {
      const foods = await database.db.selectFrom("foods").select(["id", "source_key", "name", "brand_name"]).orderBy("id").execute();
      for (const food of foods) {
        const rows = await database.db.selectFrom("food_terms").selectAll().where("food_id", "=", food.id).orderBy("term").execute();
        const expected = searchTermRowsOf({ sourceKey: food.source_key, name: food.name, brandName: food.brand_name }).map((t) => ({
          term: t.term, food_id: food.id, position: t.position, rank_group: t.rankGroup, name_length: t.nameLength, prev_term: t.prevTerm, lead_min: t.leadMin, lead_max: t.leadMax, all_terms: t.allTerms,
        }));
        assert.deepEqual(rows.map((r) => ({ ...r, food_id: Number(r.food_id) })), expected, food.name);
      }
    });

    test("an upgraded catalogue searches: the everyday toast first, plural and singular found once", async () => {
      const toast = await searchFoods(database.db, queryPrefixesOf("toast"), 0, 5);
      assert.deepEqual([toast.total, toast.foods[0]?.name, toast.foods[1]?.id], [2, "Toast, white bread", 2]);
      assert.equal((await searchFoods(database.db, queryPrefixesOf("berr"), 0, 5)).total, 1);
      assert.equal((await searchFoods(database.db, queryPrefixesOf("egg creme"), 0, 5)).total, 1);
    });

    test("undoing the migration leaves 002's terms, and redoing it gives the same index", async () => {
      const before = await database.db.selectFrom("food_terms").selectAll().orderBy("term").orderBy("food_id").execute();
      const { error: downError } = await migrator.migrateTo("002-api-data");
      if (downError !== undefined) throw downError;
      const plain = await sql<{ term: string; food_id: number; position: number }>`select term, food_id, position from food_terms order by term, food_id`.execute(database.db);
      assert.deepEqual(plain.rows.map((r) => [r.term, Number(r.food_id), r.position]), before.map((r) => [r.term, Number(r.food_id), r.position]));
      await migrateToLatest(database.db);
      assert.deepEqual(await database.db.selectFrom("food_terms").selectAll().orderBy("term").orderBy("food_id").execute(), before);
    });
  });
}
