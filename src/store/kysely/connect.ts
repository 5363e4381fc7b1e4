// Opens the database named by FITGATE_DATABASE_URL: `sqlite:PATH` (embedded, the default) or
// `postgres://…` (many nodes on one database). Both speak through the same Kysely schema.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import {
  CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, sql,
  type DatabaseConnection, type DatabaseIntrospector, type Driver, type SqliteDatabase, type TableMetadata,
} from "kysely";
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
  // a directory fitgate creates is its owner's only: the file holds password hashes and sealed secrets
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const sqlite = new SQLite(path);
  sqlite.pragma("journal_mode = WAL"); // readers never wait for the writer
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000"); // several processes may share one file
  sqlite.pragma("synchronous = NORMAL"); // with WAL: durable at each checkpoint, never corrupt
  const db = new Kysely<Database>({ dialect: new FitgateSqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

// Transactions take SQLite's write lock when they begin (BEGIN IMMEDIATE), waiting for it under
// busy_timeout. A deferred transaction that reads and then writes cannot wait: when another
// process committed in between, WAL mode refuses its upgrade at once — two nodes starting on
// one fresh file both ran migration 001, and racing single-use redemptions failed with BUSY.
class ImmediateTransactionSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class FitgateSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;
  constructor(config: { database: SqliteDatabase }) {
    super(config);
    this.#database = config.database;
  }
  override createDriver(): Driver {
    return new ImmediateTransactionSqliteDriver({ database: this.#database });
  }
}

/**
 * Kysely prepares every query anew; compiling SQL was a large share of a request's time on the
 * hot paths (token issuance, signed calls). The SQL text of a Kysely query is stable, so keep the
 * most recent statements (better-sqlite3 re-prepares them itself after a schema change).
 */
function withStatementCache(sqlite: SQLite.Database, capacity = 512): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(query: string) {
      let statement = statements.get(query);
      if (statement === undefined) {
        statement = sqlite.prepare(query);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value as string);
        statements.set(query, statement);
      }
      return statement;
    },
  };
}

function connectPostgres(url: string, options: ConnectOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
  });
  // an idle connection the server ends (restart, failover, pg_terminate_backend) is an 'error'
  // event on the pool, which would otherwise crash the process; the pool has already dropped that
  // client, and the next query opens a new connection
  pool.on("error", (error) => process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}

/**
 * Kysely's migrator asks the introspector for every table on the server, and its PostgreSQL
 * introspector resolves names in every schema: a schema dropped meanwhile (another tenant's,
 * another test run's) failed our migration with invalid_schema_name. fitgate's migrations only
 * ever need to know the tables of the schema it works in, read straight from the catalogue.
 */
class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector { // eslint-disable-line
    return {
      async getSchemas() {
        const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(db);
        return rows;
      },
      async getTables(): Promise<TableMetadata[]> {
        const { rows } = await sql<{ name: string; schema: string; kind: string }>`
          select c.relname as name, n.nspname as schema, c.relkind as kind
          from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'f')`.execute(db);
        return rows.map((row) => ({ name: row.name, schema: row.schema, isView: row.kind === "v" || row.kind === "m", isForeign: row.kind === "f", columns: [] }));
      },
    };
  }
}
