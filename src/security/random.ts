// Random values, one-way hashes and comparisons for credentials. Everything issued to a client
// is high-entropy random, so a fast hash (SHA-256) is enough at rest; only passwords, which
// people choose, need argon2 (passwords.ts).
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * 256 bits, URL-safe: secrets, codes, tokens. Never starting with "-": a secret pasted after a
 * command-line flag (`--client-secret -Xy…`) would read as another flag (1 in 64 did).
 */
export function generateSecret(): string {
  for (;;) {
    const secret = randomBytes(32).toString("base64url");
    if (!secret.startsWith("-")) return secret;
  }
}

/** 128 bits as 32 hex characters: public identifiers (client id, consumer key) */
export function generateIdentifier(): string {
  return randomBytes(16).toString("hex");
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

export function hmacSha256Base64Url(key: Buffer | string, value: string): string {
  return createHmac("sha256", key).update(value, "utf8").digest("base64url");
}

/** constant-time for equal lengths; unequal lengths differ anyway and say nothing of content */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}
