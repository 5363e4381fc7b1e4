// The only file that reads process.env: every FITGATE_* variable of SPEC §1, checked once at
// start, each problem reported on a line of its own, then frozen.
import { isIP } from "node:net";

export type Config = Readonly<{
  production: boolean;
  issuer: URL;
  host: string;
  port: number;
  databaseUrl: string;
  dataDirectory: string;
  /** base64 of 32 bytes; null means "generate one into dataDirectory" (development only) */
  masterKey: string | null;
  /** older master keys still accepted for decryption while values are re-encrypted */
  previousMasterKeys: readonly string[];
  /**
   * false: the socket address is the client; a number: trust that many proxy hops in front of
   * fitgate; a list: trust X-Forwarded-For only from these addresses/ranges
   */
  trustProxy: false | number | readonly string[];
  redisUrl: string | null;
  accessTokenTtlSeconds: number;
  clientTokenTtlSeconds: number;
  authorizationCodeTtlSeconds: number;
  requestTokenTtlSeconds: number;
  oauth1TimestampWindowSeconds: number;
  oauth1StrictTimestamps: boolean;
  sessionTtlSeconds: number;
  logLevel: string;
  seedFoods: boolean;
  /** how long a node may answer a repeated foods.search from memory; 0 = never */
  searchCacheSeconds: number;
  /** token endpoint rate limits per minute (0 = off): per authenticated client, per client address */
  tokenRequestsPerMinutePerClient: number;
  tokenRequestsPerMinutePerAddress: number;
  /** on SIGTERM, how long requests in flight may take before their connections are closed */
  shutdownTimeoutSeconds: number;
}>;

export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = (name: string): string | null => {
    const value = env[name]?.trim();
    return value === undefined || value === "" ? null : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = read(name);
    if (raw === null) return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push(`${name}=${raw}: expected true or false`);
    return fallback;
  };

  const production = read("NODE_ENV") === "production";
  const host = read("FITGATE_HOST") ?? "127.0.0.1";
  const port = integer("FITGATE_PORT", 8080, 0, 65535);
  const issuer = parseIssuer(read("FITGATE_ISSUER") ?? "http://localhost:8080", problems);
  if (production && issuer.protocol === "http:" && !["localhost", "127.0.0.1", "[::1]"].includes(issuer.hostname)) {
    problems.push(`FITGATE_ISSUER=${issuer.origin}: use https:// when NODE_ENV=production (session cookies are Secure only on https, and OAuth needs TLS); http is allowed only on loopback`);
  }
  const dataDirectory = read("FITGATE_DATA_DIR") ?? "./data";
  const databaseUrl = read("FITGATE_DATABASE_URL") ?? `sqlite:${dataDirectory}/fitgate.db`;
  if (!/^(sqlite:|postgres:\/\/|postgresql:\/\/)/.test(databaseUrl)) {
    problems.push(`FITGATE_DATABASE_URL: expected sqlite:PATH or postgres://…, got "${databaseUrl.split(":")[0]}:…"`);
  }
  const masterKey = read("FITGATE_MASTER_KEY");
  if (masterKey !== null && !isMasterKey(masterKey)) {
    problems.push("FITGATE_MASTER_KEY: expected 32 random bytes in base64 (openssl rand -base64 32)");
  }
  if (masterKey === null && production) {
    problems.push("FITGATE_MASTER_KEY is required when NODE_ENV=production (generate one: openssl rand -base64 32)");
  }
  const previousMasterKeys = (read("FITGATE_PREVIOUS_MASTER_KEYS") ?? "").split(",").map((k) => k.trim()).filter((k) => k !== "");
  for (const key of previousMasterKeys) {
    if (!isMasterKey(key)) problems.push("FITGATE_PREVIOUS_MASTER_KEYS: every key must be 32 bytes in base64");
  }
  const redisUrl = read("FITGATE_REDIS_URL");
  if (redisUrl !== null && !/^rediss?:\/\//.test(redisUrl)) problems.push("FITGATE_REDIS_URL: expected redis://host:port");

  const config: Config = {
    production,
    issuer,
    host,
    port,
    databaseUrl,
    dataDirectory,
    masterKey,
    previousMasterKeys,
    trustProxy: parseTrustProxy(read("FITGATE_TRUST_PROXY"), problems),
    redisUrl,
    accessTokenTtlSeconds: integer("FITGATE_ACCESS_TOKEN_TTL_SECONDS", 3600, 60, 31_536_000),
    clientTokenTtlSeconds: integer("FITGATE_CLIENT_TOKEN_TTL_SECONDS", 86_400, 60, 31_536_000),
    authorizationCodeTtlSeconds: integer("FITGATE_CODE_TTL_SECONDS", 60, 5, 600),
    requestTokenTtlSeconds: integer("FITGATE_REQUEST_TOKEN_TTL_SECONDS", 600, 30, 86_400),
    oauth1TimestampWindowSeconds: integer("FITGATE_OAUTH1_TIMESTAMP_WINDOW_SECONDS", 300, 1, 86_400),
    oauth1StrictTimestamps: boolean("FITGATE_OAUTH1_STRICT_TIMESTAMPS", false),
    sessionTtlSeconds: integer("FITGATE_SESSION_TTL_SECONDS", 14 * 86_400, 60, 365 * 86_400),
    logLevel: read("FITGATE_LOG_LEVEL") ?? (production ? "info" : "info"),
    seedFoods: boolean("FITGATE_SEED_FOODS", true),
    searchCacheSeconds: integer("FITGATE_SEARCH_CACHE_SECONDS", 30, 0, 3600),
    tokenRequestsPerMinutePerClient: integer("FITGATE_TOKEN_RATE_LIMIT_PER_CLIENT", 600, 0, 10_000_000),
    tokenRequestsPerMinutePerAddress: integer("FITGATE_TOKEN_RATE_LIMIT_PER_ADDRESS", 300, 0, 10_000_000),
    shutdownTimeoutSeconds: integer("FITGATE_SHUTDOWN_TIMEOUT_SECONDS", 10, 0, 3600),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

function parseIssuer(raw: string, problems: string[]): URL {
  try {
    const url = new URL(raw);
    if (!/^https?:$/.test(url.protocol) || url.search !== "" || url.hash !== "") throw new Error();
    return new URL(url.href.replace(/\/+$/, ""));
  } catch {
    problems.push(`FITGATE_ISSUER=${raw}: expected an http(s) URL without query or fragment`);
    return new URL("http://localhost:8080");
  }
}

// "true" means one hop, never "believe every X-Forwarded-For entry": the leftmost entries are
// written by the client, and trusting them would let anyone pass a CIDR allowlist or dodge a
// rate limit.
function parseTrustProxy(raw: string | null, problems: string[]): false | number | readonly string[] {
  if (raw === null || /^(0|false|no|off)$/i.test(raw)) return false;
  if (/^(true|yes|on)$/i.test(raw)) return 1;
  if (/^[1-9]$/.test(raw)) return Number(raw);
  const entries = raw.split(",").map((e) => e.trim()).filter((e) => e !== "");
  for (const entry of entries) {
    const [address] = entry.split("/");
    if (address === undefined || isIP(address) === 0) {
      problems.push(`FITGATE_TRUST_PROXY: "${entry}" is not an IP address or CIDR range`);
    }
  }
  return entries;
}

function isMasterKey(value: string): boolean {
  return /^[A-Za-z0-9+/_-]{43}=?$/.test(value) && Buffer.from(value, "base64").length === 32;
}
