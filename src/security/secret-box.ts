// Encryption at rest for secrets that must be recoverable (OAuth 1 consumer and token secrets,
// private signing keys): AES-256-GCM, with the id of the key stored beside each value so that a
// new master key can be introduced while values sealed under an older one still open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

export type SecretBox = Readonly<{
  seal(plaintext: string): string;
  open(sealed: string): string;
  /** the id of the key new values are sealed with */
  currentKeyId: string;
}>;

const FORMAT = "v1";

export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 12);
}

/** @param keys base64 keys, the first one current */
export function createSecretBox(keys: readonly string[]): SecretBox {
  const decoded = keys.map((k) => Buffer.from(k, "base64"));
  if (decoded.length === 0 || decoded.some((k) => k.length !== 32)) {
    throw new Error("every master key must be 32 bytes");
  }
  const byId = new Map(decoded.map((k) => [keyIdOf(k), k] as const));
  const current = decoded[0] as Buffer;
  const currentKeyId = keyIdOf(current);
  return Object.freeze({
    currentKeyId,
    seal(plaintext: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", current, iv);
      // the key id is authenticated too, so a value cannot be relabelled to another key
      cipher.setAAD(Buffer.from(currentKeyId));
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return [FORMAT, currentKeyId, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
    },
    open(sealed: string): string {
      const [format, keyId, iv, ciphertext, tag] = sealed.split(".");
      if (format !== FORMAT || keyId === undefined || iv === undefined || ciphertext === undefined || tag === undefined) {
        throw new Error("not a sealed value");
      }
      const key = byId.get(keyId);
      if (key === undefined) throw new Error(`sealed with unknown master key ${keyId}`);
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(keyId));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
    },
  });
}
