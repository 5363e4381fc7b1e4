// fitgate migrate: brings the database to the latest schema, printing each step.
import type { Config } from "../config.ts";
import { connectDatabase } from "../store/kysely/connect.ts";
import { migrateToLatest } from "../store/kysely/migrate.ts";
import { printResult, type CliIo } from "./cli-io.ts";

export async function migrateCommand(config: Config, io: CliIo, json: boolean): Promise<number> {
  const database = connectDatabase(config.databaseUrl);
  try {
    const report = await migrateToLatest(database.db, (step) => {
      if (!json) io.err(`${step.status === "Success" ? "applied" : step.status.toLowerCase()} ${step.migrationName}`);
    });
    printResult(io, json, { applied: report.applied, database: database.dialect });
    return 0;
  } finally {
    await database.close();
  }
}
