// Row types of every table, as both dialects return them. Times are whole seconds since the
// epoch (bigint, read back as number), booleans are 0/1 integers and lists are JSON text, so
// one schema reads the same on SQLite and PostgreSQL.
import type { Generated, Kysely, Transaction } from "kysely";

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
  foods: FoodTable;
  servings: ServingTable;
  food_terms: FoodTermTable;
  food_entries: FoodEntryTable;
  weights: WeightTable;
  body_profiles: BodyProfileTable;
  exercise_entries: ExerciseEntryTable;
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

// ---- migration 002-api-data: the protected API's foods and each user's diary ----

export type FoodTable = {
  id: Generated<number>;
  source_key: string;
  name: string;
  brand_name: string | null;
  food_type: "Generic" | "Brand";
  food_group: string | null;
  source: string;
  barcode: string | null;
  created_at: number;
  updated_at: number;
};

export type ServingTable = {
  id: Generated<number>;
  food_id: number;
  position: number;
  serving_description: string;
  measurement_description: string;
  number_of_units: number;
  metric_serving_amount: number;
  metric_serving_unit: string;
  calories: number;
  carbohydrate: number;
  protein: number;
  fat: number;
  saturated_fat: number | null;
  fiber: number | null;
  sugar: number | null;
  sodium: number | null;
  cholesterol: number | null;
};

export type FoodTermTable = {
  term: string;
  food_id: number;
  position: number;
  /** 003-search-index: ranking inputs copied from the food (see that migration) */
  rank_group: number;
  name_length: number;
  prev_term: string | null;
  lead_min: string | null;
  lead_max: string | null;
  all_terms: string;
};

export type FoodEntryTable = {
  id: Generated<number>;
  user_id: string;
  client_entry_id: string | null;
  date_int: number;
  meal: string;
  food_id: number;
  serving_id: number;
  food_entry_name: string;
  number_of_units: number;
  serving_description: string;
  /** JSON: the nutrients of one serving when it was logged */
  unit_nutrients: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
};

export type WeightTable = {
  user_id: string;
  date_int: number;
  weight_kg: number;
  comment: string | null;
  updated_at: number;
};

export type BodyProfileTable = {
  user_id: string;
  goal_weight_kg: number | null;
  height_cm: number | null;
  weight_measure: string;
  height_measure: string;
  updated_at: number;
};

export type ExerciseEntryTable = {
  id: Generated<number>;
  user_id: string;
  client_entry_id: string | null;
  date_int: number;
  exercise_name: string;
  minutes: number;
  calories: number;
  created_at: number;
  deleted_at: number | null;
};
