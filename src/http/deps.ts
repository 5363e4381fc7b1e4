// What the HTTP layer is built from: wired by commands/serve.ts, or by a test.
import type { Kysely } from "kysely";
import type { Config } from "../config.ts";
import type { SecretBox } from "../security/secret-box.ts";
import type { Dialect } from "../store/kysely/connect.ts";
import type { Database } from "../store/kysely/schema.ts";

export type AppDeps = Readonly<{
  config: Config;
  db: Kysely<Database>;
  dialect: Dialect;
  box: SecretBox;
  /** HMAC key for CSRF tokens, derived from the master key so every node agrees */
  csrfKey: Buffer;
  now: () => Date;
}>;
