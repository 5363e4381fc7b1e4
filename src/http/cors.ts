// CORS for the endpoints a browser app calls with its own credentials, never with cookies:
// the token, revocation and metadata endpoints (a public client in a browser exchanges its code
// with PKCE — RFC 8252's browser sibling, draft-ietf-oauth-browser-based-apps) and the
// Bearer-protected API. `*` is safe there precisely because no cookie is ever honoured on them;
// pages, the authorization endpoint, introspection and OAuth 1 stay same-origin.
import type { FastifyInstance } from "fastify";
import { routedPathOf } from "./errors.ts";

const CORS_PATHS = ["/oauth2/token", "/oauth2/revoke", "/.well-known/oauth-authorization-server", "/.well-known/jwks.json", "/rest/server.api"];

export function isCorsPath(path: string): boolean {
  return CORS_PATHS.includes(path) || path.startsWith("/api/v1/") || path === "/api/openapi.json";
}

const ALLOWED_HEADERS = "authorization, content-type, api-key, idempotency-key";
const EXPOSED_HEADERS = "www-authenticate, retry-after, x-request-id";

export function registerCors(app: FastifyInstance): void {
  // preflight: answered before routing, so every CORS path has one whatever methods it routes
  app.addHook("onRequest", async (request, reply) => {
    if (request.method !== "OPTIONS" || !isCorsPath(routedPathOf(request.url))) return;
    if (request.headers["access-control-request-method"] === undefined) return;
    await reply.status(204).headers({
      "access-control-allow-origin": "*",
      "access-control-allow-methods": "GET, POST, PATCH, DELETE",
      "access-control-allow-headers": ALLOWED_HEADERS,
      "access-control-max-age": "600",
    }).send();
  });
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.headers.origin !== undefined && isCorsPath(routedPathOf(request.url))) {
      reply.header("access-control-allow-origin", "*");
      reply.header("access-control-expose-headers", EXPOSED_HEADERS);
    }
    return payload;
  });
}
