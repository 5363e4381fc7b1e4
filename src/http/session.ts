// Server-side sessions and CSRF tokens for the web pages (SPEC §5).
// - The session cookie holds 256 random bits; the database keeps only their SHA-256.
// - CSRF: every visitor has a random csrf cookie; a form's token is HMAC(csrfKey, cookie), so a
//   page on another site can neither read nor compute it. Any node can check it (the key comes
//   from the master key), and logged-out forms (login, sign-up) are covered too.
import type { FastifyReply, FastifyRequest } from "fastify";
import { constantTimeEqual, generateSecret, hmacSha256Base64Url, sha256Hex } from "../security/random.ts";
import { createSession, deleteSession, findLiveSession } from "../store/kysely/sessions.ts";
import { findUserById, type User } from "../store/kysely/users.ts";
import type { AppDeps } from "./deps.ts";

export type SessionUser = Readonly<{ sessionId: string; user: User }>;

function cookieNames(deps: AppDeps) {
  const https = deps.config.issuer.protocol === "https:";
  // __Host- cookies are only accepted when Secure, for path /, with no Domain: no subdomain can plant one
  return https
    ? { session: "__Host-fitgate_session", csrf: "__Host-fitgate_csrf", secure: true }
    : { session: "fitgate_session", csrf: "fitgate_csrf", secure: false };
}

function cookieOptions(secure: boolean, maxAgeSeconds?: number) {
  return { path: "/", httpOnly: true, sameSite: "lax" as const, secure, ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }) };
}

const sessionCache = new WeakMap<FastifyRequest, Promise<SessionUser | null>>();

export function findSessionUser(request: FastifyRequest, deps: AppDeps): Promise<SessionUser | null> {
  let found = sessionCache.get(request);
  if (found === undefined) {
    found = lookUpSession(request, deps);
    sessionCache.set(request, found);
  }
  return found;
}

async function lookUpSession(request: FastifyRequest, deps: AppDeps): Promise<SessionUser | null> {
  const token = request.cookies[cookieNames(deps).session];
  if (token === undefined || token.length > 100) return null;
  const session = await findLiveSession(deps.db, sha256Hex(token), deps.now());
  if (session === null) return null;
  const user = await findUserById(deps.db, session.userId);
  return user === null ? null : { sessionId: session.id, user };
}

/** a fresh session id at every login: a session id planted before login is worth nothing */
export async function startSession(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, user: User): Promise<void> {
  const previous = await findSessionUser(request, deps);
  if (previous !== null) await deleteSession(deps.db, previous.sessionId);
  const token = generateSecret();
  await createSession(deps.db, sha256Hex(token), user.id, deps.now(), deps.config.sessionTtlSeconds);
  const names = cookieNames(deps);
  reply.setCookie(names.session, token, cookieOptions(names.secure, deps.config.sessionTtlSeconds));
  sessionCache.set(request, Promise.resolve({ sessionId: sha256Hex(token), user }));
}

export async function endSession(request: FastifyRequest, reply: FastifyReply, deps: AppDeps): Promise<void> {
  const current = await findSessionUser(request, deps);
  if (current !== null) await deleteSession(deps.db, current.sessionId);
  const names = cookieNames(deps);
  reply.clearCookie(names.session, cookieOptions(names.secure));
  sessionCache.set(request, Promise.resolve(null));
}

const issuedCsrfCookies = new WeakMap<FastifyRequest, string>();

export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply, deps: AppDeps): string {
  const names = cookieNames(deps);
  let cookie = issuedCsrfCookies.get(request) ?? request.cookies[names.csrf];
  if (cookie === undefined || cookie.length !== 43) {
    cookie = generateSecret();
    reply.setCookie(names.csrf, cookie, cookieOptions(names.secure, 365 * 86_400));
  }
  issuedCsrfCookies.set(request, cookie);
  return hmacSha256Base64Url(deps.csrfKey, cookie);
}

export function isCsrfTokenValid(request: FastifyRequest, submitted: string, deps: AppDeps): boolean {
  const cookie = request.cookies[cookieNames(deps).csrf];
  if (cookie === undefined || submitted === "") return false;
  return constantTimeEqual(hmacSha256Base64Url(deps.csrfKey, cookie), submitted);
}
