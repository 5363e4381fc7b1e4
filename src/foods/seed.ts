// The foods database a fresh fitgate starts with (SPEC §1 "a fresh start seeds the foods
// database"): IFCT 2017 plus the everyday prepared foods. Idempotent and safe when several
// nodes start at once: the upsert is keyed by source, and PostgreSQL serialises seeders.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { Dialect } from "../store/kysely/connect.ts";
import { countFoodsWithSourcePrefix, upsertFoods } from "../store/kysely/foods.ts";
import type { Database } from "../store/kysely/schema.ts";
import { buildEverydayFoods } from "./everyday.ts";
import { buildIfctFoods } from "./ifct.ts";

const SEED_LOCK_KEY = 4_210_005;

/** seeds the built-in foods unless they are all there; the number of foods written */
export async function seedFoods(db: Kysely<Database>, dialect: Dialect, now: Date): Promise<number> {
  const foods = [...buildEverydayFoods(), ...buildIfctFoods()];
  const present = await countFoodsWithSourcePrefix(db, "fitgate:") + await countFoodsWithSourcePrefix(db, "ifct:");
  if (present >= foods.length) return 0;
  const written = await db.transaction().execute(async (trx) => {
    if (dialect === "postgres") await sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`.execute(trx);
    return upsertFoods(trx, foods, now);
  });
  if (dialect === "postgres") await sql`vacuum (analyze) foods, servings, food_terms`.execute(db);
  return written;
}
