// /signup, /login, /logout (SPEC §5).
import type { FastifyInstance, FastifyRequest } from "fastify";
import { normalizeEmail } from "../../domain/account-input.ts";
import { rateLimitSubjectOf } from "../../domain/cidr.ts";
import { sha256Hex } from "../../security/random.ts";
import { authenticate, signUp } from "../../services/accounts.ts";
import { hitRateLimit, resetRateLimit } from "../../store/kysely/rate-limits.ts";
import { renderHomePage, renderLoginPage, renderSignupPage } from "../../views/accounts.ts";
import type { AppDeps } from "../deps.ts";
import { formField, queryField } from "../forms.ts";
import { pageContextOf, requireCsrfForm, sendPage } from "../pages.ts";
import { parseReturnTo } from "../return-to.ts";
import { endSession, findSessionUser, startSession } from "../session.ts";

// Login throttling: failures per account slow down guessing one password; attempts per
// address slow down trying one password on many accounts. Windows are fixed, in the database.
export const LOGIN_LIMITS = Object.freeze({
  windowSeconds: 15 * 60,
  failuresPerAccount: 5,
  attemptsPerAddress: 30,
  signupsPerAddress: 10,
});

const FAILED_LOGIN = "The email address or password is not right.";

export function registerAccountRoutes(app: FastifyInstance, deps: AppDeps): void {
  const returnToOf = (request: FastifyRequest, form?: URLSearchParams) =>
    parseReturnTo(form === undefined ? queryField(request, "return_to") : formField(form, "return_to"), deps.config.issuer);

  app.get("/", async (request, reply) => sendPage(reply, 200, renderHomePage(await pageContextOf(request, reply, deps))));

  app.get("/login", async (request, reply) => {
    const returnTo = returnToOf(request);
    if ((await findSessionUser(request, deps)) !== null) return reply.redirect(returnTo ?? "/developer", 303);
    return sendPage(reply, 200, renderLoginPage(await pageContextOf(request, reply, deps), { email: "", returnTo, errors: {} }));
  });

  app.post("/login", async (request, reply) => {
    const form = await requireCsrfForm(request, reply, deps);
    if (form === null) return reply;
    const returnTo = returnToOf(request, form);
    const email = formField(form, "email");
    const now = deps.now();
    const refuse = async (status: number, message: string) =>
      sendPage(reply, status, renderLoginPage(await pageContextOf(request, reply, deps), { email, returnTo, errors: { form: message } }));

    const accountKey = `login-failures:${sha256Hex(normalizeEmail(email))}`;
    const addressAttempts = await hitRateLimit(deps.db, `login-address:${rateLimitSubjectOf(request.ip)}`, LOGIN_LIMITS.windowSeconds, now);
    if (addressAttempts > LOGIN_LIMITS.attemptsPerAddress) {
      return refuse(429, "Too many login attempts from your network. Wait 15 minutes and try again.");
    }
    // counted before the password is checked (and forgiven on success): a check-then-count let
    // any number of parallel guesses through while the first ones were still being verified
    if ((await hitRateLimit(deps.db, accountKey, LOGIN_LIMITS.windowSeconds, now)) > LOGIN_LIMITS.failuresPerAccount) {
      return refuse(429, "Too many failed attempts for this account. Wait 15 minutes and try again.");
    }
    const user = await authenticate(deps.db, email, formField(form, "password"));
    if (user === null) return refuse(401, FAILED_LOGIN);
    await resetRateLimit(deps.db, accountKey);
    await startSession(request, reply, deps, user);
    return reply.redirect(returnTo ?? "/developer", 303);
  });

  app.get("/signup", async (request, reply) => {
    const returnTo = returnToOf(request);
    return sendPage(reply, 200, renderSignupPage(await pageContextOf(request, reply, deps), { email: "", returnTo, errors: {} }));
  });

  app.post("/signup", async (request, reply) => {
    const form = await requireCsrfForm(request, reply, deps);
    if (form === null) return reply;
    const returnTo = returnToOf(request, form);
    const email = formField(form, "email");
    const now = deps.now();
    const signups = await hitRateLimit(deps.db, `signup-address:${rateLimitSubjectOf(request.ip)}`, LOGIN_LIMITS.windowSeconds, now);
    if (signups > LOGIN_LIMITS.signupsPerAddress) {
      return sendPage(reply, 429, renderSignupPage(await pageContextOf(request, reply, deps),
        { email, returnTo, errors: { form: "Too many accounts created from your network. Wait 15 minutes and try again." } }));
    }
    const result = await signUp(deps.db, email, formField(form, "password"), now);
    if (!result.ok) {
      return sendPage(reply, 400, renderSignupPage(await pageContextOf(request, reply, deps), { email, returnTo, errors: result.errors }));
    }
    await startSession(request, reply, deps, result.user);
    return reply.redirect(returnTo ?? "/developer", 303);
  });

  app.post("/logout", async (request, reply) => {
    const form = await requireCsrfForm(request, reply, deps);
    if (form === null) return reply;
    await endSession(request, reply, deps);
    return reply.redirect("/", 303);
  });
}
