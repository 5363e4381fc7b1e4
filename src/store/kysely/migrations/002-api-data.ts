// Frozen in time: never edit a migration that has shipped; add the next one instead.
// The protected API's data (SPEC §4): the foods catalogue with its servings and search terms,
// and each user's food diary, weight log, exercise log and profile settings.
import { sql, SqliteAdapter, type ColumnDefinitionBuilder, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  // numeric ids, as FatSecret's clients expect (food_id, serving_id, food_entry_id are Longs)
  const identity = (c: ColumnDefinitionBuilder) => sqlite ? c.primaryKey() : c.primaryKey().generatedByDefaultAsIdentity();
  const idType = sqlite ? "integer" : "bigint";
  // search terms compare by byte order on both databases, so prefix ranges mean the same thing
  const binaryText = (c: ColumnDefinitionBuilder) => sqlite ? c.notNull() : c.notNull().modifyEnd(sql`collate "C"`);

  await db.schema.createTable("foods")
    .addColumn("id", idType, identity)
    /** where the row came from and its id there: "ifct:A001", "fitgate:toast-white", "usda:123" */
    .addColumn("source_key", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("brand_name", "text")
    .addColumn("food_type", "text", (c) => c.notNull().check(sql`food_type in ('Generic', 'Brand')`))
    .addColumn("food_group", "text")
    /** the data's origin and licence, shown with the food */
    .addColumn("source", "text", (c) => c.notNull())
    /** GTIN-13 */
    .addColumn("barcode", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("foods_barcode").on("foods").column("barcode").execute();

  await db.schema.createTable("servings")
    .addColumn("id", idType, identity)
    .addColumn("food_id", idType, (c) => c.notNull().references("foods.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("serving_description", "text", (c) => c.notNull())
    .addColumn("measurement_description", "text", (c) => c.notNull())
    .addColumn("number_of_units", "real", (c) => c.notNull())
    .addColumn("metric_serving_amount", "real", (c) => c.notNull())
    .addColumn("metric_serving_unit", "text", (c) => c.notNull())
    // nutrients of one serving; null where the source does not say
    .addColumn("calories", "real", (c) => c.notNull())
    .addColumn("carbohydrate", "real", (c) => c.notNull())
    .addColumn("protein", "real", (c) => c.notNull())
    .addColumn("fat", "real", (c) => c.notNull())
    .addColumn("saturated_fat", "real")
    .addColumn("fiber", "real")
    .addColumn("sugar", "real")
    .addColumn("sodium", "real")
    .addColumn("cholesterol", "real")
    .execute();
  await db.schema.createIndex("servings_food_id").on("servings").columns(["food_id", "position"]).execute();

  // one row per distinct normalized word of a food's name and brand: the search index both
  // databases query the same way (prefix ranges over an ordinary b-tree)
  await db.schema.createTable("food_terms")
    .addColumn("term", "text", binaryText)
    .addColumn("food_id", idType, (c) => c.notNull().references("foods.id").onDelete("cascade"))
    /** 0 for the first word of the name: a food whose name starts with the query ranks higher */
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("food_terms_pk", ["term", "food_id"])
    .execute();
  await db.schema.createIndex("food_terms_food_id").on("food_terms").column("food_id").execute();

  await db.schema.createTable("food_entries")
    .addColumn("id", idType, identity)
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    /** the Idempotency-Key / client_entry_id of the request that created it */
    .addColumn("client_entry_id", "text")
    .addColumn("date_int", "integer", (c) => c.notNull())
    .addColumn("meal", "text", (c) => c.notNull())
    .addColumn("food_id", idType, (c) => c.notNull())
    .addColumn("serving_id", idType, (c) => c.notNull())
    .addColumn("food_entry_name", "text", (c) => c.notNull())
    .addColumn("number_of_units", "real", (c) => c.notNull())
    // the serving's description and nutrients for one unit, copied when logged: the diary
    // keeps what the person ate even if the catalogue changes later
    .addColumn("serving_description", "text", (c) => c.notNull())
    .addColumn("unit_nutrients", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("deleted_at", "bigint")
    .execute();
  await db.schema.createIndex("food_entries_user_date").on("food_entries").columns(["user_id", "date_int"]).execute();
  await db.schema.createIndex("food_entries_user_client_entry").on("food_entries").columns(["user_id", "client_entry_id"]).unique().execute();

  await db.schema.createTable("weights")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("date_int", "integer", (c) => c.notNull())
    .addColumn("weight_kg", "real", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("weights_pk", ["user_id", "date_int"])
    .execute();

  await db.schema.createTable("body_profiles")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
    .addColumn("goal_weight_kg", "real")
    .addColumn("height_cm", "real")
    .addColumn("weight_measure", "text", (c) => c.notNull())
    .addColumn("height_measure", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema.createTable("exercise_entries")
    .addColumn("id", idType, identity)
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("client_entry_id", "text")
    .addColumn("date_int", "integer", (c) => c.notNull())
    .addColumn("exercise_name", "text", (c) => c.notNull())
    .addColumn("minutes", "integer", (c) => c.notNull())
    .addColumn("calories", "real", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("deleted_at", "bigint")
    .execute();
  await db.schema.createIndex("exercise_entries_user_date").on("exercise_entries").columns(["user_id", "date_int"]).execute();
  await db.schema.createIndex("exercise_entries_user_client_entry").on("exercise_entries").columns(["user_id", "client_entry_id"]).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["exercise_entries", "body_profiles", "weights", "food_entries", "food_terms", "servings", "foods"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
