// Runs the migrations of ./migrations in order, inside Kysely's migration lock, so several
// nodes starting at once on one PostgreSQL migrate exactly once.
import { PostgresAdapter, sql, type Kysely } from "kysely";
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
  const { error, results = [] } = await migrator.migrateToLatest();
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
