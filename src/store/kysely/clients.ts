import type { ApplicationInput } from "../../domain/application-input.ts";
import type { Client } from "../../domain/client.ts";
import type { ClientTable, Db } from "./schema.ts";
import { fromSeconds, toSeconds } from "./time.ts";
import { mayBeStored } from "./users.ts";

export function clientFromRow(row: ClientTable): Client {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    description: row.description,
    website: row.website,
    type: row.type,
    secretHash: row.secret_hash,
    consumerKey: row.consumer_key,
    consumerSecretSealed: row.consumer_secret_sealed,
    redirectUris: parseList(row.redirect_uris),
    callbackUrls: parseList(row.callback_urls),
    scopes: row.scopes.split(" ").filter((s) => s !== ""),
    defaultScopes: row.default_scopes.split(" ").filter((s) => s !== ""),
    cidrs: parseList(row.cidrs),
    refreshRotation: row.refresh_rotation === 1,
    mayIntrospect: row.may_introspect === 1,
    createdAt: fromSeconds(row.created_at),
    updatedAt: fromSeconds(row.updated_at),
    secretRotatedAt: fromSeconds(row.secret_rotated_at),
  };
}

function parseList(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function inputColumns(input: ApplicationInput) {
  return {
    name: input.name,
    description: input.description,
    website: input.website,
    redirect_uris: JSON.stringify(input.redirectUris),
    callback_urls: JSON.stringify(input.callbackUrls),
    scopes: input.scopes.join(" "),
    default_scopes: input.defaultScopes.join(" "),
    cidrs: JSON.stringify(input.cidrs),
    refresh_rotation: input.refreshRotation ? 1 : 0,
    may_introspect: input.mayIntrospect ? 1 : 0,
  };
}

export type NewClientCredentials = Readonly<{
  id: string;
  secretHash: string | null;
  consumerKey: string | null;
  consumerSecretSealed: string | null;
}>;

export async function insertClient(db: Db, ownerId: string | null, input: ApplicationInput, credentials: NewClientCredentials, now: Date): Promise<Client> {
  const row = await db.insertInto("clients").values({
    id: credentials.id,
    owner_id: ownerId,
    type: input.type,
    secret_hash: credentials.secretHash,
    consumer_key: credentials.consumerKey,
    consumer_secret_sealed: credentials.consumerSecretSealed,
    ...inputColumns(input),
    created_at: toSeconds(now),
    updated_at: toSeconds(now),
    secret_rotated_at: toSeconds(now),
  }).returningAll().executeTakeFirstOrThrow();
  return clientFromRow(row);
}

/** the type never changes after registration: it decides which secrets exist */
export async function updateClient(db: Db, id: string, input: ApplicationInput, now: Date): Promise<Client | null> {
  const row = await db.updateTable("clients").set({ ...inputColumns(input), updated_at: toSeconds(now) })
    .where("id", "=", id).returningAll().executeTakeFirst();
  return row === undefined ? null : clientFromRow(row);
}

export async function replaceClientSecrets(db: Db, id: string, secretHash: string, consumerSecretSealed: string, now: Date): Promise<boolean> {
  const result = await db.updateTable("clients")
    .set({ secret_hash: secretHash, consumer_secret_sealed: consumerSecretSealed, secret_rotated_at: toSeconds(now), updated_at: toSeconds(now) })
    .where("id", "=", id).where("type", "=", "confidential")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findClientById(db: Db, id: string): Promise<Client | null> {
  if (!mayBeStored(id)) return null;
  const row = await db.selectFrom("clients").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? null : clientFromRow(row);
}

export async function findClientByConsumerKey(db: Db, consumerKey: string): Promise<Client | null> {
  if (!mayBeStored(consumerKey)) return null;
  const row = await db.selectFrom("clients").selectAll().where("consumer_key", "=", consumerKey).executeTakeFirst();
  return row === undefined ? null : clientFromRow(row);
}

export async function listClientsOfOwner(db: Db, ownerId: string): Promise<Client[]> {
  const rows = await db.selectFrom("clients").selectAll().where("owner_id", "=", ownerId)
    .orderBy("created_at", "asc").orderBy("id").execute();
  return rows.map(clientFromRow);
}

/** grants, codes and tokens go with it (foreign keys cascade) */
export async function deleteClient(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom("clients").where("id", "=", id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
