// Access-token signing keys (SPEC §2): public JWK in the clear, private JWK sealed with the
// master key. The newest key signs; older ones only verify until their last tokens expire.
import type { Db, SigningKeyTable } from "./schema.ts";
import { fromSeconds, toSeconds } from "./time.ts";

export type StoredSigningKey = Readonly<{
  kid: string;
  alg: string;
  publicJwk: string;
  privateJwkSealed: string;
  createdAt: Date;
}>;

function signingKeyFromRow(row: SigningKeyTable): StoredSigningKey {
  return { kid: row.kid, alg: row.alg, publicJwk: row.public_jwk, privateJwkSealed: row.private_jwk_sealed, createdAt: fromSeconds(row.created_at) };
}

export async function insertSigningKey(db: Db, key: StoredSigningKey): Promise<void> {
  await db.insertInto("signing_keys").values({
    kid: key.kid, alg: key.alg, public_jwk: key.publicJwk, private_jwk_sealed: key.privateJwkSealed, created_at: toSeconds(key.createdAt),
  }).execute();
}

/** newest first: the first one is the current signing key */
export async function listSigningKeys(db: Db): Promise<StoredSigningKey[]> {
  const rows = await db.selectFrom("signing_keys").selectAll().orderBy("created_at", "desc").orderBy("kid", "desc").execute();
  return rows.map(signingKeyFromRow);
}
