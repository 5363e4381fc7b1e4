// Frozen in time: never edit a migration that has shipped; add the next one instead.
// Accounts, applications, and everything the OAuth 1 and OAuth 2 servers keep.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema.createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("flash", "text")
    .execute();
  await db.schema.createIndex("sessions_user_id").on("sessions").column("user_id").execute();

  await db.schema.createTable("rate_limits")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("window_started_at", "bigint", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .execute();

  await db.schema.createTable("clients")
    .addColumn("id", "text", (c) => c.primaryKey())
    // null: registered by an operator with `fitgate client create`
    .addColumn("owner_id", "text", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("website", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull().check(sql`type in ('confidential', 'public')`))
    .addColumn("secret_hash", "text")
    .addColumn("consumer_key", "text", (c) => c.unique())
    .addColumn("consumer_secret_sealed", "text")
    .addColumn("redirect_uris", "text", (c) => c.notNull())
    .addColumn("callback_urls", "text", (c) => c.notNull())
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("default_scopes", "text", (c) => c.notNull())
    .addColumn("cidrs", "text", (c) => c.notNull())
    .addColumn("refresh_rotation", "integer", (c) => c.notNull())
    .addColumn("may_introspect", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("secret_rotated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("clients_owner_id").on("clients").column("owner_id").execute();

  await db.schema.createTable("grants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id").onDelete("cascade"))
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_used_at", "bigint")
    .addColumn("revoked_at", "bigint")
    .execute();
  // one live grant per user and app, whichever protocol created it
  await db.schema.createIndex("grants_live_user_client").on("grants").columns(["user_id", "client_id"])
    .unique().where(sql.ref("revoked_at"), "is", null).execute();
  await db.schema.createIndex("grants_client_id").on("grants").column("client_id").execute();

  await db.schema.createTable("authorization_codes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("grant_id", "text", (c) => c.notNull().references("grants.id").onDelete("cascade"))
    .addColumn("redirect_uri", "text")
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("code_challenge", "text")
    .addColumn("code_challenge_method", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("consumed_at", "bigint")
    .execute();

  await db.schema.createTable("refresh_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("grant_id", "text", (c) => c.notNull().references("grants.id").onDelete("cascade"))
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id").onDelete("cascade"))
    .addColumn("authorization_code_id", "text")
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("rotated_at", "bigint")
    .addColumn("revoked_at", "bigint")
    .execute();
  await db.schema.createIndex("refresh_tokens_grant_id").on("refresh_tokens").column("grant_id").execute();
  await db.schema.createIndex("refresh_tokens_code_id").on("refresh_tokens").column("authorization_code_id").execute();

  await db.schema.createTable("revoked_access_tokens")
    .addColumn("jti", "text", (c) => c.primaryKey())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema.createTable("signing_keys")
    .addColumn("kid", "text", (c) => c.primaryKey())
    .addColumn("alg", "text", (c) => c.notNull())
    .addColumn("public_jwk", "text", (c) => c.notNull())
    .addColumn("private_jwk_sealed", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema.createTable("oauth1_tokens")
    .addColumn("token", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('request', 'access')`))
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("grant_id", "text", (c) => c.references("grants.id").onDelete("cascade"))
    .addColumn("secret_sealed", "text", (c) => c.notNull())
    .addColumn("callback_url", "text")
    .addColumn("verifier_hash", "text")
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint")
    .addColumn("authorized_at", "bigint")
    .addColumn("consumed_at", "bigint")
    .addColumn("revoked_at", "bigint")
    .execute();
  await db.schema.createIndex("oauth1_tokens_grant_id").on("oauth1_tokens").column("grant_id").execute();

  await db.schema.createTable("oauth1_nonces")
    .addColumn("consumer_key", "text", (c) => c.notNull())
    .addColumn("token", "text", (c) => c.notNull())
    .addColumn("timestamp", "bigint", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("oauth1_nonces_pk", ["consumer_key", "token", "timestamp", "nonce"])
    .execute();
  await db.schema.createIndex("oauth1_nonces_expires_at").on("oauth1_nonces").column("expires_at").execute();

  await db.schema.createTable("oauth1_timestamps")
    .addColumn("consumer_key", "text", (c) => c.primaryKey())
    .addColumn("last_timestamp", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["oauth1_timestamps", "oauth1_nonces", "oauth1_tokens", "signing_keys", "revoked_access_tokens",
    "refresh_tokens", "authorization_codes", "grants", "clients", "rate_limits", "sessions", "users"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
