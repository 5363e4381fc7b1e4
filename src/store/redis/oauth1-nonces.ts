// RFC 5849 §3.3 nonces in Redis (FITGATE_REDIS_URL): one SET NX EX per request, shared by every
// node, expiring by itself. Strict-mode timestamps stay in the database store given as fallback.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { OAuth1Problem } from "../../protocol/oauth1/problems.ts";
import type { NonceKey, ReplayStore } from "../../protocol/oauth1/replay.ts";

const PREFIX = "fitgate:oauth1:nonce:";

/** the key is a hash: nonces and tokens are client-chosen strings of any content */
export function redisNonceKey(key: NonceKey): string {
  const tuple = JSON.stringify([key.consumerKey, key.token, key.timestampSeconds, key.nonce]);
  return PREFIX + createHash("sha256").update(tuple).digest("base64url");
}

export function createRedisReplayStore(redis: Redis, timestamps: ReplayStore, nowSeconds: () => number): ReplayStore {
  return {
    async rememberNonce(key: NonceKey, expiresAtSeconds: number): Promise<boolean> {
      const ttlSeconds = Math.max(1, expiresAtSeconds - nowSeconds());
      let answer: string | null;
      try {
        answer = await redis.set(redisNonceKey(key), "1", "EX", ttlSeconds, "NX");
      } catch {
        // fail closed: without the shared nonce cache a replay could not be recognised
        throw new OAuth1Problem("server_error", "The server cannot check nonces right now; try again in a moment.", { status: 503 });
      }
      return answer === "OK";
    },
    advanceTimestamp: (consumerKey, timestampSeconds) => timestamps.advanceTimestamp(consumerKey, timestampSeconds),
  };
}
