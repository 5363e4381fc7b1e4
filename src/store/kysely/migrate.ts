// Runs the migrations of ./migrations in order, exactly once however many nodes start at the same
// time: on PostgreSQL inside Kysely's migration lock; on SQLite, whose Kysely adapter has no lock
// (it assumes one process), inside one BEGIN IMMEDIATE transaction that holds the file's write
// lock — SQLite's DDL is transactional, so a failed migration also leaves nothing behind.
import { PostgresAdapter, SqliteAdapter, sql, type Kysely } from "kysely";
import { Migrator, type Migration, type MigrationResult } from "kysely/migration";
import { migrations } from "./migrations/index.ts";

export type MigrationReport = Readonly<{ applied: readonly string[] }>;

export async function migrateToLatest(
  db: Kysely<any>, // eslint-disable-line -- migrations see the schema as it was, not Database
  onStep: (result: MigrationResult) => void = () => {},
): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    // Kysely looks for its bookkeeping tables in every schema unless told which one; name
    // PostgreSQL's current schema so that databases sharing a server never see each other's
    ...(db.getExecutor().adapter instanceof PostgresAdapter ? { migrationTableSchema: await currentSchema(db) } : {}),
    provider: { getMigrations: async (): Promise<Record<string, Migration>> => ({ ...migrations }) },
  });
  const { error, results = [] } = db.getExecutor().adapter instanceof SqliteAdapter
    ? await holdingSqliteWriteLock(db, () => migrator.migrateToLatest())
    : await migrator.migrateToLatest();
  results.forEach(onStep);
  if (error !== undefined) {
    const failed = results.find((r) => r.status === "Error");
    throw new Error(`migration ${failed?.migrationName ?? "?"} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return { applied: results.filter((r) => r.status === "Success").map((r) => r.migrationName) };
}

async function currentSchema(db: Kysely<any>): Promise<string> { // eslint-disable-line
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (schema === undefined) throw new Error("PostgreSQL has no current schema: check search_path");
  return schema;
}

/** Kysely's SQLite driver has one connection, so the migrator's queries run inside this transaction */
async function holdingSqliteWriteLock<T extends { error?: unknown }>(db: Kysely<any>, work: () => Promise<T>): Promise<T> { // eslint-disable-line
  await sql`begin immediate`.execute(db);
  const outcome = await work().catch((error: unknown) => ({ error }) as T);
  await sql.raw(outcome.error === undefined ? "commit" : "rollback").execute(db);
  return outcome;
}
