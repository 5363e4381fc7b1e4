// Every storage test runs on SQLite and on PostgreSQL. PostgreSQL tests skip, saying why, when
// no server answers; with FITGATE_TEST_REQUIRE_POSTGRES=1 (CI) they fail instead.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { connectDatabase, type DatabaseHandle, type Dialect } from "../../src/store/kysely/connect.ts";
import { migrateToLatest } from "../../src/store/kysely/migrate.ts";

export const POSTGRES_URL = process.env.FITGATE_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export type TestDatabase = DatabaseHandle & Readonly<{
  url: string;
  /**
   * connect again, as another node would. On SQLite, do not race TRANSACTIONS from two handles in
   * one process: better-sqlite3 waits for a lock synchronously, blocking the holder too (a
   * deadlock until busy_timeout). Use racingHandle() for that.
   */
  connectAgain(): DatabaseHandle;
}>;

/**
 * a second handle to race transactions against the first: a new connection on PostgreSQL; on
 * SQLite the same handle (Kysely serialises its transactions, as one fitgate process does)
 */
export function racingHandle(database: TestDatabase): DatabaseHandle {
  return database.dialect === "sqlite" ? database : database.connectAgain();
}

export type DatabaseTarget = Readonly<{
  dialect: Dialect;
  /** false, or the reason the suite is skipped */
  skip: false | string;
  /** a new, migrated, empty database; close() deletes it */
  open(options?: { migrate?: boolean }): Promise<TestDatabase>;
}>;

let postgresProbe: Promise<string | null> | null = null;

/** null when PostgreSQL answers, else why not */
function probePostgres(): Promise<string | null> {
  postgresProbe ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query("select 1");
      return null;
    } catch (error) {
      return `PostgreSQL not reachable at ${POSTGRES_URL}: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return postgresProbe;
}

export async function databaseTargets(): Promise<DatabaseTarget[]> {
  const postgresProblem = await probePostgres();
  if (postgresProblem !== null && process.env.FITGATE_TEST_REQUIRE_POSTGRES === "1") {
    throw new Error(`FITGATE_TEST_REQUIRE_POSTGRES=1 but ${postgresProblem}`);
  }
  return [
    { dialect: "sqlite", skip: false, open: openSqlite },
    { dialect: "postgres", skip: postgresProblem ?? false, open: openPostgres },
  ];
}

async function openSqlite(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const directory = mkdtempSync(join(tmpdir(), "fitgate-test-"));
  return openTestDatabase(`sqlite:${join(directory, "fitgate.db")}`, options, async () => {
    rmSync(directory, { recursive: true, force: true });
  });
}

async function openPostgres(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const admin = connectDatabase(POSTGRES_URL, { poolSize: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  // the schema travels in the URL (libpq's options parameter), so a CLI or a second server
  // process given this URL works in the same schema
  const url = `${POSTGRES_URL}${POSTGRES_URL.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  return openTestDatabase(url, options, async () => {
    const cleanup = connectDatabase(POSTGRES_URL, { poolSize: 1 });
    await sql`drop schema ${sql.id(schema)} cascade`.execute(cleanup.db);
    await cleanup.close();
  });
}

async function openTestDatabase(url: string, options: { migrate?: boolean }, removeDatabase: () => Promise<void>): Promise<TestDatabase> {
  const handle = connectDatabase(url);
  if (options.migrate !== false) await migrateToLatest(handle.db);
  const others: DatabaseHandle[] = [];
  return {
    ...handle,
    url,
    connectAgain() {
      const other = connectDatabase(url);
      others.push(other);
      return other;
    },
    async close() {
      await Promise.all(others.map((o) => o.close()));
      await handle.close();
      await removeDatabase();
    },
  };
}

