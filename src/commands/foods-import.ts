// fitgate foods import PATH: loads a USDA FoodData Central CSV download (its directory or its
// food.csv) into the foods database. Everything is read and checked first, then written in one
// transaction: a malformed file changes nothing. Re-importing updates foods by fdc_id, never
// duplicates them. A progress bar goes to stderr.
import { PostgresAdapter, sql, type Kysely } from "kysely";
import type { Config } from "../config.ts";
import { ImportError, locateUsdaFiles, readUsdaFoods } from "../foods/usda-csv.ts";
import { connectDatabase } from "../store/kysely/connect.ts";
import { upsertFoods } from "../store/kysely/foods.ts";
import { migrateToLatest } from "../store/kysely/migrate.ts";
import type { Database } from "../store/kysely/schema.ts";
import { printResult, UsageError, type CliIo } from "./cli-io.ts";

const BAR_WIDTH = 30;
const WRITE_CHUNK = 2_000;

/** "reading food_nutrient.csv [██████████░░░░░░░░░░░░░░░░░░░░]  33%", a line per 5% */
export function createProgressBar(io: CliIo, label: string): (done: number, total: number, detail: string) => void {
  let last = "";
  return (done, total, detail) => {
    const percent = total === 0 ? 100 : Math.min(100, Math.floor((done / total) * 20) * 5);
    const key = `${detail} ${percent}`;
    if (key === last) return;
    last = key;
    const filled = Math.round((percent / 100) * BAR_WIDTH);
    io.err(`${label} ${detail} [${"█".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)}] ${String(percent).padStart(3)}%`);
  };
}

export type ImportReport = Readonly<{ imported: number; skipped_without_energy: number; with_barcode: number }>;

/** reads the whole download, then writes it in one transaction; throws ImportError before writing anything */
export async function importUsdaDownload(db: Kysely<Database>, path: string, io: CliIo): Promise<ImportReport> {
  const read = await readUsdaFoods(locateUsdaFiles(path), createProgressBar(io, "reading"));
  const write = createProgressBar(io, "writing");
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < read.foods.length; start += WRITE_CHUNK) {
      await upsertFoods(trx, read.foods.slice(start, start + WRITE_CHUNK), new Date());
      write(Math.min(start + WRITE_CHUNK, read.foods.length), read.foods.length, "foods");
    }
  });
  // fresh statistics, or PostgreSQL plans searches over the grown term table badly; and a fresh
  // visibility map, or its index-only scans read the table too until autovacuum comes by
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`vacuum (analyze) foods, servings, food_terms`.execute(db);
  return { imported: read.foods.length, skipped_without_energy: read.skipped, with_barcode: read.foods.filter((f) => f.barcode !== null).length };
}

export async function foodsImportCommand(config: Config, io: CliIo, path: string | undefined, json: boolean): Promise<number> {
  if (path === undefined) throw new UsageError("give the FoodData Central CSV directory (or its food.csv): fitgate foods import PATH");
  const database = connectDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    printResult(io, json, await importUsdaDownload(database.db, path, io));
    return 0;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    io.err(`fitgate foods import: ${error.message}; nothing was imported`);
    return 65; // EX_DATAERR
  } finally {
    await database.close();
  }
}
