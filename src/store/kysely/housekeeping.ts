// Rows that only matter for a while: expired sessions and request tokens, nonces past their
// window, used or expired authorization codes (kept a day for replay detection), revoked jtis of
// tokens that have expired anyway, and finished rate-limit windows. One pass, run by every
// serving node now and then (commands/serve.ts); each delete is idempotent, so nodes may overlap.
import { deleteStaleAuthorizationCodes } from "./authorization-codes.ts";
import { deleteExpiredNonces } from "./oauth1-replay.ts";
import { deleteExpiredRequestTokens } from "./oauth1-tokens.ts";
import { deleteStaleRateLimits } from "./rate-limits.ts";
import { deleteExpiredRevokedAccessTokens } from "./revoked-access-tokens.ts";
import type { Db } from "./schema.ts";
import { deleteExpiredSessions } from "./sessions.ts";
import { toSeconds } from "./time.ts";

export async function deleteExpiredRows(db: Db, now: Date): Promise<void> {
  await deleteExpiredSessions(db, now);
  await deleteExpiredRequestTokens(db, now);
  await deleteExpiredNonces(db, toSeconds(now));
  await deleteStaleAuthorizationCodes(db, now);
  await deleteExpiredRevokedAccessTokens(db, now);
  await deleteStaleRateLimits(db, now);
}
