// Fixed-window counters in the database, so every node counts the same attempts (SPEC §1:
// no state that matters lives in one process only). One upsert per hit, no read-then-write.
import { sql } from "kysely";
import type { Db } from "./schema.ts";
import { toSeconds } from "./time.ts";

/** counts one hit on `key` and returns the number of hits in the current window, this one included */
export async function hitRateLimit(db: Db, key: string, windowSeconds: number, now: Date): Promise<number> {
  const nowSeconds = toSeconds(now);
  const windowStart = nowSeconds - windowSeconds;
  const row = await db.insertInto("rate_limits")
    .values({ key, window_started_at: nowSeconds, count: 1 })
    .onConflict((oc) => oc.column("key").doUpdateSet({
      count: sql<number>`case when rate_limits.window_started_at <= ${windowStart} then 1 else rate_limits.count + 1 end`,
      window_started_at: sql<number>`case when rate_limits.window_started_at <= ${windowStart} then ${nowSeconds} else rate_limits.window_started_at end`,
    }))
    .returning("count")
    .executeTakeFirstOrThrow();
  return row.count;
}

/** hits in the current window without counting one */
export async function peekRateLimit(db: Db, key: string, windowSeconds: number, now: Date): Promise<number> {
  const row = await db.selectFrom("rate_limits").select(["count", "window_started_at"])
    .where("key", "=", key).executeTakeFirst();
  if (row === undefined || row.window_started_at <= toSeconds(now) - windowSeconds) return 0;
  return row.count;
}

export async function resetRateLimit(db: Db, key: string): Promise<void> {
  await db.deleteFrom("rate_limits").where("key", "=", key).execute();
}

/** counters whose window ended long ago; every window fitgate uses is far shorter than `olderThanSeconds` */
export async function deleteStaleRateLimits(db: Db, now: Date, olderThanSeconds = 86_400): Promise<void> {
  await db.deleteFrom("rate_limits").where("window_started_at", "<", toSeconds(now) - olderThanSeconds).execute();
}
