// Passwords: argon2id with the library's defaults (OWASP's minimum: m=19 MiB, t=2, p=1).
import { hash, verify } from "@node-rs/argon2";

// A hash of a password nobody knows: verifying against it when the email is unknown costs
// the same time as for a real account, so response time does not reveal which emails exist.
let decoyHash: Promise<string> | null = null;

export function hashPassword(password: string): Promise<string> {
  return hash(password); // the library default is Argon2id
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  decoyHash ??= hashPassword("decoy password that no account has");
  const target = passwordHash ?? (await decoyHash);
  const ok = await verify(target, password).catch(() => false);
  return ok && passwordHash !== null;
}
