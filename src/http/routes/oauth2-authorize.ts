// GET|POST /oauth2/authorize (RFC 6749 §4.1.1–§4.1.2): the client and redirect URI are checked
// first and their errors shown on a page; then login (and back) before anything is redirected,
// then the rest of the request, then consent — skipped for a
// confidential client whose live grant already covers the scopes, unless prompt=consent —
// and the redirect with a code, or with an error, state and iss (RFC 9207).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { findScope, type ScopeDefinition } from "../../domain/scopes.ts";
import {
  authorizationRequestFields, createAuthorizationRedirect, parseAuthorizationRequest, parseAuthorizationTarget,
  type AuthorizationRequest, type AuthorizationTarget,
} from "../../protocol/oauth2/authorization-request.ts";
import { OAuth2Error } from "../../protocol/oauth2/errors.ts";
import { generateSecret, sha256Hex } from "../../security/random.ts";
import { insertAuthorizationCode } from "../../store/kysely/authorization-codes.ts";
import { findClientById } from "../../store/kysely/clients.ts";
import { findLiveGrant, upsertGrant } from "../../store/kysely/grants.ts";
import type { User } from "../../store/kysely/users.ts";
import { renderMessagePage } from "../../views/accounts.ts";
import { renderConsentPage } from "../../views/consent.ts";
import type { AppDeps } from "../deps.ts";
import { pageContextOf, requireCsrfForm, sendPage } from "../pages.ts";
import { findSessionUser, type SessionUser } from "../session.ts";

/** the button pressed on the consent page, and the account the page was shown to */
type ConsentAnswer = Readonly<{ decision: "allow" | "deny"; shownToUserId: string }> | null;

export function registerOAuth2AuthorizeRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/oauth2/authorize", async (request, reply) => {
    // the raw query, so a repeated parameter is seen (fastify's parser would merge it); all of
    // it after the first "?" — a value may hold another "?" (RFC 3986 §3.4)
    const start = request.url.indexOf("?");
    const params = new URLSearchParams(start === -1 ? "" : request.url.slice(start + 1));
    return authorize(request, reply, deps, params, null);
  });

  app.post("/oauth2/authorize", async (request, reply) => {
    const form = await requireCsrfForm(request, reply, deps);
    if (form === null) return reply;
    const answer = { decision: form.get("decision") === "allow" ? "allow" : "deny", shownToUserId: form.get("consent_for") ?? "" } as const;
    const params = new URLSearchParams(form);
    for (const name of ["csrf_token", "decision", "consent_for"]) params.delete(name);
    return authorize(request, reply, deps, params, answer);
  });
}

async function authorize(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, params: URLSearchParams, answer: ConsentAnswer): Promise<FastifyReply> {
  let target: AuthorizationTarget;
  try {
    target = await parseAuthorizationTarget(params, (id) => findClientById(deps.db, id));
  } catch (error) {
    if (!(error instanceof OAuth2Error)) throw error;
    const context = await pageContextOf(request, reply, deps);
    return sendPage(reply, 400, renderMessagePage(context, "Cannot continue", `${error.description} Nothing was shared with the application.`));
  }
  const status = request.method === "POST" ? 303 : 302;
  const redirect = (response: Record<string, string>) => reply.redirect(createAuthorizationRedirect(target, deps.config.issuer, response), status);
  // RFC 9700 §4.11.2: the person logs in before any redirect, so an application anyone can
  // register cannot send a deliberately broken request to bounce people off fitgate's address
  // straight to its own site
  const current = await requireAuthorizingUser(request, reply, deps, params);
  if (current === null) return reply;
  let authorization: AuthorizationRequest;
  try {
    authorization = parseAuthorizationRequest(params, target);
  } catch (error) {
    if (!(error instanceof OAuth2Error)) throw error;
    return redirect({ error: error.code, error_description: error.description });
  }
  // a page shown to another account (the session changed since, e.g. in another tab) is no
  // answer from this one: ask again, naming the account
  const decision = answer !== null && answer.shownToUserId === current.user.id ? answer.decision : null;
  if (decision === "deny") return redirect({ error: "access_denied", error_description: "the user denied access" });
  if (decision === "allow" || (await isConsentRemembered(authorization, current.user, deps))) {
    return redirect({ code: await createAuthorizationCode(authorization, current.user, deps) });
  }
  const context = await pageContextOf(request, reply, deps);
  return sendPage(reply, 200, renderConsentPage(context, {
    clientName: authorization.client.name,
    clientWebsite: authorization.client.website,
    scopes: authorization.scopes.map(findScope).filter((s): s is ScopeDefinition => s !== null),
    formAction: "/oauth2/authorize",
    hiddenFields: { ...authorizationRequestFields(authorization), consent_for: current.user.id },
  }));
}

/**
 * The logged-in person, or null after sending them to log in and come back to this request —
 * also from the consent form, whose session may have ended meanwhile, so the person returns to
 * the consent page rather than somewhere else.
 */
async function requireAuthorizingUser(request: FastifyRequest, reply: FastifyReply, deps: AppDeps, params: URLSearchParams): Promise<SessionUser | null> {
  const current = await findSessionUser(request, deps);
  if (current !== null) return current;
  // rebuilt from the parameters, not request.url: a request target in absolute form
  // (http://host/oauth2/authorize?…) is no local return_to
  await reply.redirect(`/login?return_to=${encodeURIComponent(`/oauth2/authorize?${params}`)}`, 303);
  return null;
}

/** public clients always ask: anyone can claim a public client's id (RFC 9700 §4.1.2 ... RFC 6749 §10.2) */
async function isConsentRemembered(authorization: AuthorizationRequest, user: User, deps: AppDeps): Promise<boolean> {
  if (authorization.client.type !== "confidential" || authorization.forceConsent) return false;
  const grant = await findLiveGrant(deps.db, user.id, authorization.client.id);
  return grant !== null && authorization.scopes.every((s) => grant.scopes.includes(s));
}

async function createAuthorizationCode(authorization: AuthorizationRequest, user: User, deps: AppDeps): Promise<string> {
  const code = generateSecret();
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const grant = await upsertGrant(trx, user.id, authorization.client.id, authorization.scopes, now);
    await insertAuthorizationCode(trx, {
      id: sha256Hex(code), clientId: authorization.client.id, userId: user.id, grantId: grant.id,
      redirectUri: authorization.redirectUri, scopes: authorization.scopes,
      codeChallenge: authorization.codeChallenge?.challenge ?? null,
      expiresAt: new Date(now.getTime() + deps.config.authorizationCodeTtlSeconds * 1000),
    }, now);
  });
  return code;
}
