import type { Db } from "./schema.ts";

/** runs `work` in a transaction, or in the caller's when `db` already is one */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
