// SPEC §3, RFC 5849 §2: the three steps of OAuth 1.0a (FatSecret's 3-legged flow) and the app's
// own revocation. Each endpoint is a checklist; the rules live in protocol/oauth1.
import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { findScope, type ScopeDefinition } from "../../domain/scopes.ts";
import { createAccessTokenResponse, requireVerifier } from "../../protocol/oauth1/access-token.ts";
import { createAllowedOutcome, createDeniedOutcome, type AuthorizationOutcome } from "../../protocol/oauth1/authorization.ts";
import { OAuth1Problem, tokenRejected } from "../../protocol/oauth1/problems.ts";
import { createRequestTokenResponse, OUT_OF_BAND, parseCallback, parseRequestedScopes } from "../../protocol/oauth1/request-token.ts";
import { accessTokenUnusableReason, requestTokenUnusableReason, type OAuth1Token } from "../../protocol/oauth1/tokens.ts";
import { generateSecret, sha256Hex } from "../../security/random.ts";
import { findClientById } from "../../store/kysely/clients.ts";
import { upsertGrant } from "../../store/kysely/grants.ts";
import {
  authorizeRequestToken, consumeRequestToken, denyRequestToken, findOAuth1Token, insertOAuth1Token, revokeOAuth1AccessToken,
} from "../../store/kysely/oauth1-tokens.ts";
import { renderConsentPage } from "../../views/consent.ts";
import { renderDeniedPage, renderRequestTokenProblemPage, renderVerifierPage } from "../../views/oauth1-verifier.ts";
import type { AppDeps } from "../deps.ts";
import { formBodyOf, formField } from "../forms.ts";
import { closeReplayStore, publicUrlOf, verifyOAuth1Request } from "../oauth1-requests.ts";
import { pageContextOf, requireCsrfForm, requireUser, sendPage } from "../pages.ts";
import { findSessionUser } from "../session.ts";

function sendForm(reply: FastifyReply, body: string): FastifyReply {
  return reply.status(200).headers({ "cache-control": "no-store", pragma: "no-cache" })
    .type("application/x-www-form-urlencoded").send(body);
}

/** 80 bits, 20 hex characters: short enough to copy from the oob page by hand */
function generateVerifier(): string {
  return randomBytes(10).toString("hex");
}

function scopeDefinitionsOf(scopes: readonly string[]): ScopeDefinition[] {
  return scopes.map(findScope).filter((s): s is ScopeDefinition => s !== null);
}

export function registerOAuth1Routes(app: FastifyInstance, deps: AppDeps): void {
  app.addHook("onClose", () => closeReplayStore(deps));

  // RFC 5849 §2.1
  const requestToken = async (request: FastifyRequest, reply: FastifyReply) => {
    const verified = await verifyOAuth1Request(request, deps, "none", () => null);
    const client = verified.consumer.client;
    const callbackUrl = parseCallback(verified.protocol.callback, client);
    const scope = publicUrlOf(request, deps.config.issuer).searchParams.get("scope") ?? formBodyOf(request)?.get("scope") ?? null;
    const scopes = parseRequestedScopes(scope, client);
    const now = deps.now();
    const token = generateSecret();
    const tokenSecret = generateSecret();
    await insertOAuth1Token(deps.db, {
      token, kind: "request", clientId: client.id, userId: null, grantId: null, secretSealed: deps.box.seal(tokenSecret),
      callbackUrl, scopes, expiresAt: new Date(now.getTime() + deps.config.requestTokenTtlSeconds * 1000),
    }, now);
    return sendForm(reply, createRequestTokenResponse(token, tokenSecret));
  };
  app.get("/oauth/request_token", requestToken);
  app.post("/oauth/request_token", requestToken);

  // RFC 5849 §2.2: a page for people; bad links are explained, never redirected
  const authorizablePage = async (request: FastifyRequest, reply: FastifyReply, tokenValue: string): Promise<OAuth1Token | null> => {
    const token = tokenValue === "" ? null : await findOAuth1Token(deps.db, tokenValue);
    const reason = requestTokenUnusableReason(token, deps.now()) ?? (token?.authorizedAt == null ? null : "was already used");
    if (reason === null && token !== null) return token;
    sendPage(reply, 400, renderRequestTokenProblemPage(await pageContextOf(request, reply, deps), reason ?? "is not valid"));
    return null;
  };

  /** the consent page, bound to the account it is shown to (consent_for) */
  const sendConsentPage = async (request: FastifyRequest, reply: FastifyReply, token: OAuth1Token, userId: string) => {
    const client = await findClientById(deps.db, token.clientId);
    if (client === null) return sendPage(reply, 400, renderRequestTokenProblemPage(await pageContextOf(request, reply, deps), "belongs to an application that no longer exists"));
    return sendPage(reply, 200, renderConsentPage(await pageContextOf(request, reply, deps), {
      clientName: client.name, clientWebsite: client.website, scopes: scopeDefinitionsOf(token.scopes),
      formAction: "/oauth/authorize", hiddenFields: { oauth_token: token.token, consent_for: userId },
    }));
  };

  app.get("/oauth/authorize", async (request, reply) => {
    const tokenValue = publicUrlOf(request, deps.config.issuer).searchParams.get("oauth_token") ?? "";
    const token = await authorizablePage(request, reply, tokenValue);
    if (token === null) return reply;
    const current = await requireUser(request, reply, deps);
    if (current === null) return reply;
    return sendConsentPage(request, reply, token, current.user.id);
  });

  /** one conditional write: Allow records the user and the verifier's hash, Deny uses the token up; null if already decided */
  const recordDecision = async (tokenValue: string, userId: string, allow: boolean): Promise<{ outcome: AuthorizationOutcome; clientId: string } | null> => {
    const now = deps.now();
    if (allow) {
      const verifier = generateVerifier();
      const authorized = await authorizeRequestToken(deps.db, tokenValue, userId, sha256Hex(verifier), now);
      return authorized === null ? null
        : { outcome: createAllowedOutcome(authorized.callbackUrl ?? OUT_OF_BAND, authorized.token, verifier), clientId: authorized.clientId };
    }
    const denied = await denyRequestToken(deps.db, tokenValue, now);
    return denied === null ? null : { outcome: createDeniedOutcome(denied.callbackUrl ?? OUT_OF_BAND, denied.token), clientId: denied.clientId };
  };

  app.post("/oauth/authorize", async (request, reply) => {
    const form = await requireCsrfForm(request, reply, deps);
    if (form === null) return reply;
    const tokenValue = formField(form, "oauth_token");
    const current = await findSessionUser(request, deps);
    // the session ended while the page was open: log in, then back to this consent page
    if (current === null) return reply.redirect(`/login?return_to=${encodeURIComponent(`/oauth/authorize?oauth_token=${encodeURIComponent(tokenValue)}`)}`, 303);
    const token = await authorizablePage(request, reply, tokenValue);
    if (token === null) return reply;
    // a page shown to another account (the session changed since, e.g. in another tab) is no
    // answer from this one: ask again, naming the account
    if (formField(form, "consent_for") !== current.user.id) return sendConsentPage(request, reply, token, current.user.id);
    const decided = await recordDecision(tokenValue, current.user.id, formField(form, "decision") === "allow");
    const context = await pageContextOf(request, reply, deps);
    if (decided === null) return sendPage(reply, 400, renderRequestTokenProblemPage(context, "was already used"));
    const { outcome, clientId } = decided;
    if (outcome.kind === "redirect") return reply.redirect(outcome.location, 303);
    const client = await findClientById(deps.db, clientId);
    const clientName = client?.name ?? "The application";
    if (outcome.kind === "show-denied") return sendPage(reply, 200, renderDeniedPage(context, clientName));
    return sendPage(reply.header("cache-control", "no-store"), 200, renderVerifierPage(context, { clientName, verifier: outcome.verifier }));
  });

  // RFC 5849 §2.3
  const accessToken = async (request: FastifyRequest, reply: FastifyReply) => {
    const now = deps.now();
    const verified = await verifyOAuth1Request(request, deps, "required", (token, consumer) =>
      requestTokenUnusableReason(token, now)
        ?? (token?.clientId !== consumer.client.id ? "was issued to another consumer" : null)
        ?? (token?.authorizedAt == null ? "has not been authorized by the user yet" : null));
    const verifier = requireVerifier(verified.protocol.verifier);
    const requestTokenValue = verified.protocol.token ?? "";
    const clientId = verified.consumer.client.id;
    const issued = await deps.db.transaction().execute(async (trx) => {
      const consumed = await consumeRequestToken(trx, requestTokenValue, clientId, sha256Hex(verifier), now);
      if (consumed === null || consumed.userId === null) return null;
      const grant = await upsertGrant(trx, consumed.userId, clientId, consumed.scopes, now);
      const token = generateSecret();
      const tokenSecret = generateSecret();
      await insertOAuth1Token(trx, {
        token, kind: "access", clientId, userId: consumed.userId, grantId: grant.id, secretSealed: deps.box.seal(tokenSecret),
        callbackUrl: null, scopes: consumed.scopes, expiresAt: null,
      }, now);
      return { token, tokenSecret };
    });
    if (issued === null) {
      const current = await findOAuth1Token(deps.db, requestTokenValue);
      if (current?.consumedAt != null) throw tokenRejected("oauth_token was already exchanged (request tokens are single use).");
      throw new OAuth1Problem("verifier_invalid", "oauth_verifier does not match the one given to the user for this request token; copy it again exactly.");
    }
    return sendForm(reply, createAccessTokenResponse(issued.token, issued.tokenSecret));
  };
  app.get("/oauth/access_token", accessToken);
  app.post("/oauth/access_token", accessToken);

  // the application gives its access token up; the user does the same on the connected-apps page
  app.post("/oauth/revoke", async (request, reply) => {
    const verified = await verifyOAuth1Request(request, deps, "required", (token, consumer) => accessTokenUnusableReason(token, consumer.client.id));
    await revokeOAuth1AccessToken(deps.db, verified.protocol.token ?? "", verified.consumer.client.id, deps.now());
    return sendForm(reply, "");
  });
}
