// OAuth 1.0a signed calls to the protected API (SPEC §4): 2-legged (the consumer alone: catalogue
// methods, no user) or 3-legged (consumer + access token: the grant's user and scopes, and only
// while the grant is live). Failures throw OAuth1Problem for the API's error renderer.
import type { FastifyRequest } from "fastify";
import type { ApiCaller } from "../protocol/api-caller.ts";
import { isOAuthAuthorization } from "../protocol/oauth1/parameters.ts";
import { tokenRejected } from "../protocol/oauth1/problems.ts";
import { accessTokenUnusableReason } from "../protocol/oauth1/tokens.ts";
import { findGrantById, touchGrantIfStale } from "../store/kysely/grants.ts";
import type { AppDeps } from "./deps.ts";
import { verifyOAuth1Request } from "./oauth1-requests.ts";

/**
 * true when the request carries OAuth 1 protocol parameters (an `Authorization: OAuth` header,
 * or oauth_consumer_key in the query or form body), so the API knows which verifier to call.
 */
export function isOAuth1Request(request: FastifyRequest): boolean {
  const authorization = request.headers.authorization;
  if (isOAuthAuthorization(typeof authorization === "string" ? authorization : null)) return true;
  const query = request.url.split("?")[1] ?? "";
  if (new URLSearchParams(query).has("oauth_consumer_key")) return true;
  return request.body instanceof URLSearchParams && request.body.has("oauth_consumer_key");
}

/** @see RFC 5849 §3.2 */
export async function verifySignedApiRequest(request: FastifyRequest, deps: AppDeps): Promise<ApiCaller> {
  const verified = await verifyOAuth1Request(request, deps, "optional", (token, consumer) => accessTokenUnusableReason(token, consumer.client.id));
  const client = verified.consumer.client;
  if (verified.token === null) {
    return { protocol: "oauth1", clientId: client.id, userId: null, grantId: null, scopes: client.scopes };
  }
  const token = verified.token;
  const grant = token.grantId === null ? null : await findGrantById(deps.db, token.grantId);
  if (grant === null || grant.revokedAt !== null || grant.userId !== token.userId) {
    throw tokenRejected("oauth_token was revoked: the user took the application's access back. Run the authorization again.");
  }
  await touchGrantIfStale(deps.db, grant, deps.now());
  // the token carries what the user consented to for it; the grant may since have been widened by
  // OAuth 2, and the application may since have lost a scope (its developer removed it)
  const scopes = token.scopes.filter((s) => grant.scopes.includes(s) && client.scopes.includes(s));
  return { protocol: "oauth1", clientId: client.id, userId: grant.userId, grantId: grant.id, scopes };
}
