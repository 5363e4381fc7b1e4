// Frozen in time: never edit a migration that has shipped; add the next one instead.
// The food search index carries each food's ranking inputs, so a search ranks and counts from
// the index alone instead of grouping every match and joining foods:
//   rank_group   0 for the curated everyday foods ("fitgate:" sources), 1 for the rest
//   name_length  the food name's length in characters
//   prev_term    the food's term just before this one in byte order (null for its first):
//                a food's terms matching a prefix are consecutive, so the one whose prev_term
//                is below the prefix stands for the food — one row per food without grouping
//   lead_min, lead_max  the food's terms at position 0 (its first word and that word's singular)
//   all_terms    all the food's terms, space-separated with a space before and after: the
//                other words of a query are checked on the row itself (like '% toa%'), not
//                by a probe into the index for each matching food
// The primary key starts with the term (a prefix is one range of it) and orders each term's
// foods by group, name length and id. The table is rebuilt, not altered:
// one INSERT … SELECT backfills every row (seconds for 640 000 terms) without leaving a dead
// copy of each row behind on PostgreSQL.
import { sql, SqliteAdapter, type ColumnDefinitionBuilder, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const idType = sqlite ? "integer" : "bigint";
  // byte order on both databases, so prefix ranges mean the same thing
  const binaryText = (c: ColumnDefinitionBuilder) => sqlite ? c : c.modifyEnd(sql`collate "C"`);
  const rankOrder = ["term", "rank_group", "name_length", "food_id"] as const;

  await db.schema.createTable("food_terms_ranked")
    .addColumn("term", "text", (c) => binaryText(c.notNull()))
    .addColumn("rank_group", "integer", (c) => c.notNull())
    .addColumn("name_length", "integer", (c) => c.notNull())
    .addColumn("food_id", idType, (c) => c.notNull().references("foods.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("prev_term", "text", binaryText)
    .addColumn("lead_min", "text", binaryText)
    .addColumn("lead_max", "text", binaryText)
    .addColumn("all_terms", "text", (c) => binaryText(c.notNull()))
    // SQLite stores the table in primary key order (no rowid): the table is the covering index
    .$call((t) => sqlite ? t.addPrimaryKeyConstraint("food_terms_rank_pk", [...rankOrder]).modifyEnd(sql`without rowid`) : t)
    .execute();

  await sql`
    insert into food_terms_ranked (term, rank_group, name_length, food_id, position, prev_term, lead_min, lead_max, all_terms)
    select t.term,
      case when f.source_key >= 'fitgate:' and f.source_key < 'fitgate;' then 0 else 1 end,
      length(f.name), t.food_id, t.position,
      lag(t.term) over (partition by t.food_id order by t.term),
      min(case when t.position = 0 then t.term end) over (partition by t.food_id),
      max(case when t.position = 0 then t.term end) over (partition by t.food_id),
      ' ' || a.terms || ' '
    from food_terms t inner join foods f on f.id = t.food_id
    inner join (select food_id, ${sqlite ? sql`group_concat(term, ' ' order by term)` : sql`string_agg(term, ' ' order by term)`} as terms
      from food_terms group by food_id) a on a.food_id = t.food_id`.execute(db);

  if (!sqlite) {
    // PostgreSQL's primary key index includes the other columns, for index-only scans; built
    // after the rows, which is faster than maintaining it row by row
    await sql`alter table food_terms_ranked add constraint food_terms_rank_pk
      primary key (${sql.join(rankOrder.map((c) => sql.id(c)))}) include (position, prev_term, lead_min, lead_max, all_terms)`.execute(db);
  }
  await db.schema.dropTable("food_terms").execute();
  await db.schema.alterTable("food_terms_ranked").renameTo("food_terms").execute();
  // a food's terms, replaced on import
  await db.schema.createIndex("food_terms_food").on("food_terms").column("food_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema.createTable("food_terms_plain")
    .addColumn("term", "text", (c) => sqlite ? c.notNull() : c.notNull().modifyEnd(sql`collate "C"`))
    .addColumn("food_id", sqlite ? "integer" : "bigint", (c) => c.notNull().references("foods.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("food_terms_pk", ["term", "food_id"])
    .execute();
  await sql`insert into food_terms_plain (term, food_id, position) select term, food_id, position from food_terms`.execute(db);
  await db.schema.dropTable("food_terms").execute();
  await db.schema.alterTable("food_terms_plain").renameTo("food_terms").execute();
  await db.schema.createIndex("food_terms_food_id").on("food_terms").column("food_id").execute();
}
