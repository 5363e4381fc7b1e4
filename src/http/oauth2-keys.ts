// The access-token key ring: signing keys from the database, cached in memory per database
// handle and refreshed every KEY_CACHE_SECONDS, or at once (at most once a second) when a
// token names an unknown kid — so a key rotated on another node is picked up without a hit to
// the database on every request (cache ages use the process's monotonic clock). The first key is generated on first need.
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from "jose";
import type { SecretBox } from "../security/secret-box.ts";
import { insertSigningKey, listSigningKeys, type StoredSigningKey } from "../store/kysely/signing-keys.ts";
import type { Db } from "../store/kysely/schema.ts";
import type { SigningKeyInUse, VerificationKey } from "../protocol/oauth2/access-token.ts";

export const KEY_CACHE_SECONDS = 30;
export const UNKNOWN_KID_REFRESH_SECONDS = 1;
export const SIGNING_ALGORITHM = "RS256";

type LoadedKey = Readonly<{ stored: StoredSigningKey; publicJwk: JWK; publicKey: VerificationKey }>;
type KeyRingState = { keys: LoadedKey[]; loadedAtMs: number; loading: Promise<LoadedKey[]> | null; signing: Map<string, Promise<SigningKeyInUse>>; generating: Promise<unknown> | null };

const states = new WeakMap<object, KeyRingState>();

export type KeyRingDeps = Readonly<{ db: Db; box: SecretBox; now: () => Date }>;

function stateOf(deps: KeyRingDeps): KeyRingState {
  let state = states.get(deps.db);
  if (state === undefined) {
    state = { keys: [], loadedAtMs: -Infinity, loading: null, signing: new Map(), generating: null };
    states.set(deps.db, state);
  }
  return state;
}

async function reload(deps: KeyRingDeps, state: KeyRingState): Promise<LoadedKey[]> {
  state.loading ??= (async () => {
    try {
      const stored = await listSigningKeys(deps.db);
      const keys = await Promise.all(stored.map(async (s): Promise<LoadedKey> => {
        const publicJwk = JSON.parse(s.publicJwk) as JWK;
        return { stored: s, publicJwk, publicKey: await importJWK(publicJwk, s.alg) as VerificationKey };
      }));
      state.keys = keys;
      state.loadedAtMs = performance.now();
      return keys;
    } finally {
      state.loading = null;
    }
  })();
  return state.loading;
}

async function currentKeys(deps: KeyRingDeps): Promise<LoadedKey[]> {
  const state = stateOf(deps);
  if (performance.now() - state.loadedAtMs > KEY_CACHE_SECONDS * 1000) return reload(deps, state);
  return state.keys;
}

/** a new RS256 key, stored as the current signing key (`fitgate keys rotate`, or first need) */
export async function addSigningKey(deps: KeyRingDeps): Promise<StoredSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true, modulusLength: 2048 });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  // creation times are whole seconds: a key added within the newest key's second is dated one
  // second later, so "newest signs" never depends on a tie
  const newest = (await listSigningKeys(deps.db))[0];
  const createdAtMs = Math.max(deps.now().getTime(), newest === undefined ? 0 : newest.createdAt.getTime() + 1000);
  const stored: StoredSigningKey = {
    kid, alg: SIGNING_ALGORITHM,
    publicJwk: JSON.stringify({ ...publicJwk, kid, alg: SIGNING_ALGORITHM, use: "sig" }),
    privateJwkSealed: deps.box.seal(JSON.stringify(privateJwk)),
    createdAt: new Date(createdAtMs),
  };
  await insertSigningKey(deps.db, stored);
  await reload(deps, stateOf(deps));
  return stored;
}

/** the newest key, with its private part opened once per process */
export async function findCurrentSigningKey(deps: KeyRingDeps): Promise<SigningKeyInUse> {
  let keys = await currentKeys(deps);
  if (keys.length === 0) {
    // a second node may generate one at the same moment: both keys are valid, the newest signs
    const state = stateOf(deps);
    state.generating ??= addSigningKey(deps).finally(() => { state.generating = null; });
    await state.generating;
    keys = await currentKeys(deps);
  }
  const newest = keys[0];
  if (newest === undefined) throw new Error("no signing key");
  const state = stateOf(deps);
  let signing = state.signing.get(newest.stored.kid);
  if (signing === undefined) {
    signing = (async () => ({
      kid: newest.stored.kid, alg: newest.stored.alg,
      privateKey: await importJWK(JSON.parse(deps.box.open(newest.stored.privateJwkSealed)) as JWK, newest.stored.alg) as VerificationKey,
    }))();
    state.signing.set(newest.stored.kid, signing);
  }
  return signing;
}

/** the longest access-token lifetime of any grant: how long a retired key's tokens may live on */
export function longestTokenSecondsOf(config: Readonly<{ accessTokenTtlSeconds: number; clientTokenTtlSeconds: number }>): number {
  return Math.max(config.accessTokenTtlSeconds, config.clientTokenTtlSeconds);
}

/**
 * The keys whose tokens may still be alive, newest first: a key stops signing when its successor
 * appears (plus the cache delay on other nodes), and its last token expires at most
 * `longestTokenSeconds` later. After that it verifies nothing — a rotated-out key, perhaps
 * rotated out because it leaked, can no longer mint tokens fitgate accepts.
 */
function liveKeys(keys: readonly LoadedKey[], nowMs: number, longestTokenSeconds: number): LoadedKey[] {
  return keys.filter((_key, index) => {
    const successor = keys[index - 1];
    return successor === undefined || successor.stored.createdAt.getTime() + (longestTokenSeconds + KEY_CACHE_SECONDS + 60) * 1000 > nowMs;
  });
}

/** the public key for a token's kid, while that key is live; an unknown kid refreshes the cache (rate-limited) */
export async function findVerificationKey(deps: KeyRingDeps, kid: string, longestTokenSeconds: number): Promise<VerificationKey | null> {
  const state = stateOf(deps);
  let keys = await currentKeys(deps);
  if (!keys.some((k) => k.stored.kid === kid) && performance.now() - state.loadedAtMs > UNKNOWN_KID_REFRESH_SECONDS * 1000) {
    keys = await reload(deps, state);
  }
  return liveKeys(keys, deps.now().getTime(), longestTokenSeconds).find((k) => k.stored.kid === kid)?.publicKey ?? null;
}

/** the JWKS (RFC 7517 §5): the live keys */
export async function publishedJwks(deps: KeyRingDeps, longestTokenSeconds: number): Promise<{ keys: JWK[] }> {
  const keys = await currentKeys(deps);
  return { keys: liveKeys(keys, deps.now().getTime(), longestTokenSeconds).map((k) => k.publicJwk) };
}
