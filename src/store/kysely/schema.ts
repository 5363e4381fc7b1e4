// Row types of every table, as both dialects return them. Times are whole seconds since the
// epoch (bigint, read back as number), booleans are 0/1 integers and lists are JSON text, so
// one schema reads the same on SQLite and PostgreSQL.
import type { Kysely, Transaction } from "kysely";

export type Database = {
  users: UserTable;
  sessions: SessionTable;
  rate_limits: RateLimitTable;
  clients: ClientTable;
  grants: GrantTable;
  authorization_codes: AuthorizationCodeTable;
  refresh_tokens: RefreshTokenTable;
  revoked_access_tokens: RevokedAccessTokenTable;
  signing_keys: SigningKeyTable;
  oauth1_tokens: OAuth1TokenTable;
  oauth1_nonces: OAuth1NonceTable;
  oauth1_timestamps: OAuth1TimestampTable;
};

/** a database handle or an open transaction: every repository function takes either */
export type Db = Kysely<Database> | Transaction<Database>;

export type UserTable = {
  id: string;
  email: string;
  password_hash: string;
  created_at: number;
};

export type SessionTable = {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions */
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  /** a sealed one-time message (e.g. a new secret to show once) */
  flash: string | null;
};

export type RateLimitTable = {
  key: string;
  window_started_at: number;
  count: number;
};

export type ClientTable = {
  /** the OAuth 2 client_id */
  id: string;
  owner_id: string | null;
  name: string;
  description: string;
  website: string;
  type: "confidential" | "public";
  /** SHA-256 of the OAuth 2 client secret; null for public clients */
  secret_hash: string | null;
  /** OAuth 1 consumer key; null for public clients (HMAC needs a secret) */
  consumer_key: string | null;
  /** OAuth 1 consumer secret, sealed with the master key */
  consumer_secret_sealed: string | null;
  redirect_uris: string;
  callback_urls: string;
  scopes: string;
  default_scopes: string;
  cidrs: string;
  refresh_rotation: number;
  may_introspect: number;
  created_at: number;
  updated_at: number;
  secret_rotated_at: number;
};

export type GrantTable = {
  id: string;
  user_id: string;
  client_id: string;
  scopes: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
};

export type AuthorizationCodeTable = {
  /** SHA-256 of the code */
  id: string;
  client_id: string;
  user_id: string;
  grant_id: string;
  redirect_uri: string | null;
  scopes: string;
  code_challenge: string | null;
  code_challenge_method: string | null;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
};

export type RefreshTokenTable = {
  /** SHA-256 of the token */
  id: string;
  grant_id: string;
  client_id: string;
  /** the code it was issued from, so a replayed code can revoke it */
  authorization_code_id: string | null;
  scopes: string;
  created_at: number;
  /** set when exchanged under rotation: presenting it again is reuse */
  rotated_at: number | null;
  revoked_at: number | null;
};

export type RevokedAccessTokenTable = {
  jti: string;
  expires_at: number;
};

export type SigningKeyTable = {
  kid: string;
  alg: string;
  public_jwk: string;
  private_jwk_sealed: string;
  created_at: number;
};

export type OAuth1TokenTable = {
  /** the oauth_token value: an identifier sent in the clear on every request */
  token: string;
  kind: "request" | "access";
  client_id: string;
  user_id: string | null;
  grant_id: string | null;
  secret_sealed: string;
  callback_url: string | null;
  verifier_hash: string | null;
  scopes: string;
  created_at: number;
  expires_at: number | null;
  authorized_at: number | null;
  consumed_at: number | null;
  revoked_at: number | null;
};

export type OAuth1NonceTable = {
  consumer_key: string;
  token: string;
  timestamp: number;
  nonce: string;
  expires_at: number;
};

export type OAuth1TimestampTable = {
  consumer_key: string;
  last_timestamp: number;
};
