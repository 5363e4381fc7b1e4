// Opens what every command needs from the configuration: the database (migrated), the secret
// box and the keys derived from the master key.
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { hkdfSync, randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Config } from "./config.ts";
import type { AppDeps } from "./http/deps.ts";
import { createSecretBox } from "./security/secret-box.ts";
import { connectDatabase, type DatabaseHandle } from "./store/kysely/connect.ts";
import { migrateToLatest } from "./store/kysely/migrate.ts";

export type Runtime = Readonly<{ deps: AppDeps; database: DatabaseHandle; close(): Promise<void> }>;

export type Warn = (message: string) => void;

/**
 * The master key from FITGATE_MASTER_KEY; in development without one, a key generated once
 * into the data directory (loudly), so secrets survive restarts. Production refuses to start
 * without one (config.ts).
 */
export function resolveMasterKey(config: Config, warn: Warn): string {
  if (config.masterKey !== null) return config.masterKey;
  const path = join(config.dataDirectory, "master.key");
  const existing = readMasterKeyFile(path);
  if (existing !== null) return existing;
  mkdirSync(config.dataDirectory, { recursive: true, mode: 0o700 });
  // written whole under a private name, then linked into place: link fails if the file exists, so
  // of two processes starting at once exactly one key wins, and nobody reads a half-written file
  const key = randomBytes(32).toString("base64");
  const draft = `${path}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(draft, `${key}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const winner = readMasterKeyFile(path);
    if (winner === null) throw new Error(`${path} appeared and vanished while fitgate was starting`);
    return winner;
  } finally {
    unlinkSync(draft);
  }
  warn(`FITGATE_MASTER_KEY is not set: generated a development key in ${path}. Set FITGATE_MASTER_KEY in production.`);
  return key;
}

function readMasterKeyFile(path: string): string | null {
  let key: string;
  try {
    key = readFileSync(path, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  if (Buffer.from(key, "base64").length !== 32) throw new Error(`${path} does not hold a 32-byte base64 master key: remove it or set FITGATE_MASTER_KEY`);
  return key;
}

export function deriveKey(masterKey: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(masterKey, "base64"), Buffer.alloc(0), `fitgate ${purpose}`, 32));
}

export async function openRuntime(config: Config, warn: Warn, options: { migrate: boolean } = { migrate: true }): Promise<Runtime> {
  const masterKey = resolveMasterKey(config, warn);
  const database = connectDatabase(config.databaseUrl);
  try {
    if (options.migrate) await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  const deps: AppDeps = {
    config,
    db: database.db,
    dialect: database.dialect,
    box: createSecretBox([masterKey, ...config.previousMasterKeys]),
    csrfKey: deriveKey(masterKey, "csrf"),
    now: () => new Date(),
  };
  return { deps, database, close: () => database.close() };
}
