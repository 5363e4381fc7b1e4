// RFC 5849 §3.3: timestamps within a window around the server's clock, and each nonce accepted
// once per consumer, token and timestamp. OAuth Core 1.0 §8 (as FatSecret states it): in strict
// mode a consumer's timestamps never go backwards.
import { OAuth1Problem, parameterRejected } from "./problems.ts";

export type NonceKey = Readonly<{ consumerKey: string; token: string; timestampSeconds: number; nonce: string }>;

/** where nonces and last timestamps live, so that every node sees them (database or Redis) */
export type ReplayStore = Readonly<{
  /** false when this nonce was seen before; remembered until expiresAtSeconds */
  rememberNonce(key: NonceKey, expiresAtSeconds: number): Promise<boolean>;
  /** strict mode: records the timestamp; false when the consumer already used a later one */
  advanceTimestamp(consumerKey: string, timestampSeconds: number): Promise<boolean>;
}>;

const MAX_NONCE_LENGTH = 255;
// nodes' clocks differ a little: a node running ahead must not clean up a nonce whose timestamp a
// node running behind would still accept (database housekeeping, and Redis TTLs set by the first)
const CLOCK_SKEW_ALLOWANCE_SECONDS = 120;

/** the oauth_timestamp as seconds, or timestamp_refused when malformed or outside the window */
export function parseTimestamp(value: string, nowSeconds: number, windowSeconds: number): number {
  const acceptable = { oauth_acceptable_timestamps: `${nowSeconds - windowSeconds}-${nowSeconds + windowSeconds}` };
  if (!/^[0-9]{1,12}$/.test(value)) {
    throw new OAuth1Problem("timestamp_refused", "oauth_timestamp must be a positive whole number of seconds since 1970-01-01T00:00:00Z.", { extra: acceptable });
  }
  const timestampSeconds = Number(value);
  if (Math.abs(timestampSeconds - nowSeconds) > windowSeconds) {
    throw new OAuth1Problem("timestamp_refused",
      `oauth_timestamp ${value} is more than ${windowSeconds} seconds away from the server's clock (${nowSeconds}); check the client's clock.`,
      { extra: acceptable });
  }
  return timestampSeconds;
}

export function checkNonceFormat(nonce: string): void {
  if (nonce.length > MAX_NONCE_LENGTH) {
    // a malformed parameter, not a replay: the client must not think it only needs a new nonce
    throw parameterRejected("oauth_nonce", `oauth_nonce must be at most ${MAX_NONCE_LENGTH} characters; send a short random value.`);
  }
}

/** nonce_used when the nonce was seen; timestamp_refused when strict mode sees time go backwards */
export async function checkReplay(store: ReplayStore, key: NonceKey, windowSeconds: number, strictTimestamps: boolean): Promise<void> {
  // a nonce must be remembered for as long as its timestamp would still be accepted, on any node
  const fresh = await store.rememberNonce(key, key.timestampSeconds + windowSeconds + CLOCK_SKEW_ALLOWANCE_SECONDS);
  if (!fresh) {
    throw new OAuth1Problem("nonce_used", "This oauth_nonce was already used with this consumer, token and timestamp; generate a new random nonce for every request.");
  }
  if (strictTimestamps && !(await store.advanceTimestamp(key.consumerKey, key.timestampSeconds))) {
    throw new OAuth1Problem("timestamp_refused",
      "oauth_timestamp is earlier than one this consumer already used; timestamps must never go backwards (OAuth Core 1.0 §8).");
  }
}
