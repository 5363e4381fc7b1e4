// Signing up and logging in: argon2id hashes, one message for every failed login.
import { checkSignup, normalizeEmail, type SignupErrors } from "../domain/account-input.ts";
import { hashPassword, verifyPassword } from "../security/passwords.ts";
import type { Db } from "../store/kysely/schema.ts";
import { createUser, findUserByEmail, type User } from "../store/kysely/users.ts";

export type SignupResult = { ok: true; user: User } | { ok: false; errors: SignupErrors };

export async function signUp(db: Db, email: string, password: string, now: Date): Promise<SignupResult> {
  const errors = checkSignup(email, password);
  if (errors.email !== undefined || errors.password !== undefined) return { ok: false, errors };
  const user = await createUser(db, normalizeEmail(email), await hashPassword(password), now);
  if (user === null) return { ok: false, errors: { email: "An account with this email address already exists. Log in instead." } };
  return { ok: true, user };
}

/** the user when email and password match; null for a wrong email and a wrong password alike */
export async function authenticate(db: Db, email: string, password: string): Promise<User | null> {
  const user = await findUserByEmail(db, normalizeEmail(email));
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  return ok ? user : null;
}
