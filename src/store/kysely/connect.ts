// Opens the database named by FITGATE_DATABASE_URL: `sqlite:PATH` (embedded, the default) or
// `postgres://…` (many nodes on one database). Both speak through the same Kysely schema.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema.ts";

export type Dialect = "sqlite" | "postgres";

export type DatabaseHandle = Readonly<{
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}>;

// bigint columns hold seconds and counts, well inside Number's exact range
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type ConnectOptions = {
  /** PostgreSQL only: a schema other than public goes in the URL, `?options=-c%20search_path%3Dname` */
  poolSize?: number;
};

export function connectDatabase(url: string, options: ConnectOptions = {}): DatabaseHandle {
  if (url.startsWith("sqlite:")) return connectSqlite(url.slice("sqlite:".length));
  if (/^postgres(ql)?:\/\//.test(url)) return connectPostgres(url, options);
  throw new Error(`unsupported database URL scheme: ${url.split(":")[0]}`);
}

function connectSqlite(path: string): DatabaseHandle {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL"); // readers never wait for the writer
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000"); // several processes may share one file
  sqlite.pragma("synchronous = NORMAL"); // with WAL: durable at each checkpoint, never corrupt
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

function connectPostgres(url: string, options: ConnectOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}
