// Every column holding a value sealed with the master key, and re-sealing them under the
// current key: the second half of a master-key rotation (FITGATE_PREVIOUS_MASTER_KEYS lets old
// values open meanwhile). Each row is rewritten with a conditional update, so a value that
// changed since it was read (a rotated consumer secret) is left to its newer writer.
import { sql } from "kysely";
import type { SecretBox } from "../../security/secret-box.ts";
import type { Db } from "./schema.ts";

type SealedColumn = Readonly<{ table: "clients" | "oauth1_tokens" | "signing_keys" | "sessions"; key: string; column: string }>;

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: "clients", key: "id", column: "consumer_secret_sealed" },
  { table: "oauth1_tokens", key: "token", column: "secret_sealed" },
  { table: "signing_keys", key: "kid", column: "private_jwk_sealed" },
  { table: "sessions", key: "id", column: "flash" },
];

export type ResealProgress = (table: string, done: number, total: number) => void;

/** re-seals every value not sealed under the current key; returns how many were rewritten */
export async function resealAll(db: Db, box: SecretBox, onProgress: ResealProgress = () => {}): Promise<number> {
  const currentPrefix = `v1.${box.currentKeyId}.%`;
  let rewritten = 0;
  for (const { table, key, column } of SEALED_COLUMNS) {
    // identifiers come from the list above only, never from input
    const { rows } = await sql<{ row_key: string; sealed: string }>`
      select ${sql.ref(key)} as row_key, ${sql.ref(column)} as sealed from ${sql.table(table)}
      where ${sql.ref(column)} is not null and ${sql.ref(column)} not like ${currentPrefix}`.execute(db);
    let done = 0;
    for (const row of rows) {
      const result = await sql`
        update ${sql.table(table)} set ${sql.ref(column)} = ${box.seal(box.open(row.sealed))}
        where ${sql.ref(key)} = ${row.row_key} and ${sql.ref(column)} = ${row.sealed}`.execute(db);
      rewritten += Number(result.numAffectedRows ?? 0n);
      onProgress(table, ++done, rows.length);
    }
  }
  return rewritten;
}
