// RFC 5849 §3.3 replay protection in the database, so every node sees every nonce: the primary
// key (consumer_key, token, timestamp, nonce) turns a second use into a conflict; strict-mode
// timestamps are one conditional upsert. Expired nonces are deleted now and then.
import type { NonceKey, ReplayStore } from "../../protocol/oauth1/replay.ts";
import type { Db } from "./schema.ts";

const CLEANUP_INTERVAL_MS = 60_000;

export function createDatabaseReplayStore(db: Db, nowSeconds: () => number): ReplayStore {
  let lastCleanupAt = 0;
  return {
    async rememberNonce(key: NonceKey, expiresAtSeconds: number): Promise<boolean> {
      if (Date.now() - lastCleanupAt > CLEANUP_INTERVAL_MS) {
        lastCleanupAt = Date.now();
        await deleteExpiredNonces(db, nowSeconds());
      }
      const result = await db.insertInto("oauth1_nonces").values({
        consumer_key: key.consumerKey, token: key.token, timestamp: key.timestampSeconds, nonce: key.nonce, expires_at: expiresAtSeconds,
      }).onConflict((conflict) => conflict.doNothing()).executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },
    async advanceTimestamp(consumerKey: string, timestampSeconds: number): Promise<boolean> {
      const result = await db.insertInto("oauth1_timestamps").values({ consumer_key: consumerKey, last_timestamp: timestampSeconds })
        .onConflict((conflict) => conflict.column("consumer_key")
          .doUpdateSet({ last_timestamp: timestampSeconds })
          .where("oauth1_timestamps.last_timestamp", "<=", timestampSeconds))
        .executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },
  };
}

export async function deleteExpiredNonces(db: Db, nowSeconds: number): Promise<void> {
  await db.deleteFrom("oauth1_nonces").where("expires_at", "<", nowSeconds).execute();
}
