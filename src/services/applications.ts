// Registering and managing applications: the steps the developer portal and the CLI share.
// Secrets are generated here, returned once to the caller, and kept only as a SHA-256 (OAuth 2
// client secret: verifiable without being recoverable) or sealed (OAuth 1 consumer secret:
// HMAC signing needs it back).
import type { ApplicationInput } from "../domain/application-input.ts";
import type { Client } from "../domain/client.ts";
import type { SecretBox } from "../security/secret-box.ts";
import { generateIdentifier, generateSecret, sha256Hex } from "../security/random.ts";
import { deleteClient, insertClient, replaceClientSecrets } from "../store/kysely/clients.ts";
import type { Db } from "../store/kysely/schema.ts";

export type IssuedSecrets = Readonly<{ clientSecret: string; consumerSecret: string }>;

export type RegisteredApplication = Readonly<{ client: Client; secrets: IssuedSecrets | null }>;

export async function registerApplication(db: Db, box: SecretBox, ownerId: string | null, input: ApplicationInput, now: Date): Promise<RegisteredApplication> {
  if (input.type === "public") {
    const client = await insertClient(db, ownerId, input, { id: generateIdentifier(), secretHash: null, consumerKey: null, consumerSecretSealed: null }, now);
    return { client, secrets: null };
  }
  const secrets = { clientSecret: generateSecret(), consumerSecret: generateSecret() };
  const client = await insertClient(db, ownerId, input, {
    id: generateIdentifier(),
    secretHash: sha256Hex(secrets.clientSecret),
    consumerKey: generateIdentifier(),
    consumerSecretSealed: box.seal(secrets.consumerSecret),
  }, now);
  return { client, secrets };
}

/** new secrets replace the old at once: the old client secret and consumer secret stop working */
export async function rotateApplicationSecrets(db: Db, box: SecretBox, clientId: string, now: Date): Promise<IssuedSecrets | null> {
  const secrets = { clientSecret: generateSecret(), consumerSecret: generateSecret() };
  const replaced = await replaceClientSecrets(db, clientId, sha256Hex(secrets.clientSecret), box.seal(secrets.consumerSecret), now);
  return replaced ? secrets : null;
}

/** the application and, by cascade, every grant, code and token it holds */
export async function removeApplication(db: Db, clientId: string): Promise<boolean> {
  return deleteClient(db, clientId);
}
