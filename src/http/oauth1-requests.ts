// The bridge between fastify requests and the OAuth 1 verifier (protocol/oauth1/verification.ts):
// the public URL from FITGATE_ISSUER (never the bind address), the parameters' sources, the
// consumer's sealed secret, and the replay store (Redis when configured, else the database).
import { Redis } from "ioredis";
import type { FastifyRequest } from "fastify";
import type { SignedRequestInput } from "../protocol/oauth1/parameters.ts";
import { OAuth1Problem, tokenRejected } from "../protocol/oauth1/problems.ts";
import type { ReplayStore } from "../protocol/oauth1/replay.ts";
import type { OAuth1Token } from "../protocol/oauth1/tokens.ts";
import { verifySignedRequest, type Consumer, type TokenCredentials, type VerifiedRequest } from "../protocol/oauth1/verification.ts";
import { findClientByConsumerKey } from "../store/kysely/clients.ts";
import { findOAuth1Token } from "../store/kysely/oauth1-tokens.ts";
import { createDatabaseReplayStore } from "../store/kysely/oauth1-replay.ts";
import { createRedisReplayStore } from "../store/redis/oauth1-nonces.ts";
import type { AppDeps } from "./deps.ts";
import { formBodyOf } from "./forms.ts";

/**
 * issuer + the path and query the client addressed; a path prefix of the issuer is kept. A request
 * target in absolute form (RFC 9112 §3.2.2, `GET http://host/path`) gives its path and query only:
 * its host, like the Host header, never changes what is signed.
 * @see RFC 5849 §3.4.1.2
 */
export function publicUrlOf(request: FastifyRequest, issuer: URL): URL {
  return new URL(issuer.href.replace(/\/+$/, "") + pathAndQueryOf(request.url));
}

function pathAndQueryOf(target: string): string {
  if (target.startsWith("/")) return target;
  try {
    const url = new URL(target);
    return url.pathname + url.search;
  } catch {
    return "/";
  }
}

export function signedRequestInputOf(request: FastifyRequest, deps: AppDeps): SignedRequestInput {
  const authorization = request.headers.authorization;
  return {
    method: request.method,
    url: publicUrlOf(request, deps.config.issuer),
    authorization: typeof authorization === "string" ? authorization : null,
    formBody: formBodyOf(request),
  };
}

/**
 * PLAINTEXT sends the secrets themselves (RFC 5849 §3.4.4): only when the public URL is https AND
 * this request came over TLS — to fitgate, or to a proxy named in FITGATE_TRUST_PROXY that says so
 * in X-Forwarded-Proto (fastify ignores that header from anyone else). An https issuer alone is not
 * enough: the same server may also be reachable over plain http.
 */
function arrivedOverTls(request: FastifyRequest, deps: AppDeps): boolean {
  return deps.config.issuer.protocol === "https:" && request.protocol === "https";
}

type ReplayHandle = { store: ReplayStore; close(): Promise<void> };
const replayHandles = new WeakMap<AppDeps, ReplayHandle>();

/** one replay store per app: a single Redis connection when FITGATE_REDIS_URL is set */
export function replayStoreOf(deps: AppDeps): ReplayStore {
  let handle = replayHandles.get(deps);
  if (handle === undefined) {
    const nowSeconds = () => Math.floor(deps.now().getTime() / 1000);
    const database = createDatabaseReplayStore(deps.db, nowSeconds);
    if (deps.config.redisUrl === null) {
      handle = { store: database, close: async () => {} };
    } else {
      const redis = new Redis(deps.config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
      redis.on("error", () => {}); // answered per request (the SET fails); never crash the process
      handle = { store: createRedisReplayStore(redis, database, nowSeconds), close: async () => { redis.disconnect(); } };
    }
    replayHandles.set(deps, handle);
  }
  return handle.store;
}

export async function closeReplayStore(deps: AppDeps): Promise<void> {
  const handle = replayHandles.get(deps);
  replayHandles.delete(deps);
  await handle?.close();
}

export async function findConsumer(deps: AppDeps, consumerKey: string): Promise<Consumer | null> {
  const client = await findClientByConsumerKey(deps.db, consumerKey);
  if (client === null || client.consumerSecretSealed === null) return null;
  return { client, consumerSecret: deps.box.open(client.consumerSecretSealed) };
}

/** the token, its secret opened, when `reasonOf` finds nothing wrong with it */
export async function findTokenCredentials(
  deps: AppDeps,
  token: string,
  reasonOf: (token: OAuth1Token | null) => string | null,
): Promise<TokenCredentials<OAuth1Token>> {
  const found = await findOAuth1Token(deps.db, token);
  const reason = reasonOf(found);
  if (reason !== null || found === null) throw tokenRejected(`oauth_token ${reason ?? "is unknown"}.`);
  return { token: found, tokenSecret: deps.box.open(found.secretSealed) };
}

export type TokenRule = "none" | "optional" | "required";

/** verifies a signed request; `findToken` checks the oauth_token when there is one */
export function verifyOAuth1Request(
  request: FastifyRequest,
  deps: AppDeps,
  tokenRule: TokenRule,
  reasonOf: (token: OAuth1Token | null, consumer: Consumer) => string | null,
): Promise<VerifiedRequest<OAuth1Token>> {
  return verifySignedRequest<OAuth1Token>(signedRequestInputOf(request, deps), {
    findConsumer: (consumerKey) => findConsumer(deps, consumerKey),
    async findToken(token, consumer) {
      if (token === null) {
        if (tokenRule === "required") throw new OAuth1Problem("parameter_absent", "Send oauth_token: this request needs a token.", { extra: { oauth_parameters_absent: "oauth_token" } });
        return null;
      }
      if (tokenRule === "none") throw new OAuth1Problem("parameter_rejected", "oauth_token is not expected on this request; sign it with the consumer secret alone.", { extra: { oauth_parameters_rejected: "oauth_token" } });
      return findTokenCredentials(deps, token, (found) => reasonOf(found, consumer));
    },
    replay: replayStoreOf(deps),
    windowSeconds: deps.config.oauth1TimestampWindowSeconds,
    strictTimestamps: deps.config.oauth1StrictTimestamps,
    allowPlaintext: arrivedOverTls(request, deps),
    now: deps.now(),
  });
}
