// POST /oauth2/token (RFC 6749 §3.2), POST /oauth2/revoke (RFC 7009), POST /oauth2/introspect
// (RFC 7662), and the discovery documents (RFC 8414 metadata, JWKS). Each endpoint is a short
// list of steps; HTTP is translation only.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Client } from "../../domain/client.ts";
import { checkApiKey, checkClientAuthentication, isPlausibleClientId, parseClientCredentials } from "../../protocol/oauth2/client-authentication.ts";
import { OAuth2Error } from "../../protocol/oauth2/errors.ts";
import { createServerMetadata } from "../../protocol/oauth2/metadata.ts";
import { checkOAuthForm, parseGrantType } from "../../protocol/oauth2/token-request.ts";
import { findClientById } from "../../store/kysely/clients.ts";
import { rateLimitSubjectOf } from "../../domain/cidr.ts";
import { hitRateLimit } from "../../store/kysely/rate-limits.ts";
import type { AppDeps } from "../deps.ts";
import { formBodyOf } from "../forms.ts";
import { exchangeAuthorizationCode, exchangeRefreshToken, issueClientCredentialsToken } from "../oauth2-grants.ts";
import { findCurrentSigningKey, longestTokenSecondsOf, publishedJwks } from "../oauth2-keys.ts";
import { introspectToken, revokeToken } from "../oauth2-revocation.ts";

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

/** the form and the authenticated client of a POST to a client-authenticated endpoint */
export async function authenticateClientRequest(request: FastifyRequest, deps: AppDeps, endpoint: string): Promise<{ form: URLSearchParams; client: Client }> {
  // one IPv4 address, or one IPv6 /64 (what one host usually holds), counts as one requester
  await checkRateLimit(deps, `oauth2-${endpoint}-address:${rateLimitSubjectOf(request.ip)}`, deps.config.tokenRequestsPerMinutePerAddress);
  const form = checkOAuthForm(formBodyOf(request));
  const credentials = parseClientCredentials(request.headers.authorization, form);
  const apiKey = request.headers["api-key"];
  checkApiKey(Array.isArray(apiKey) ? apiKey.join(",") : apiKey, credentials.clientId);
  const client = checkClientAuthentication(isPlausibleClientId(credentials.clientId) ? await findClientById(deps.db, credentials.clientId) : null, credentials);
  await checkRateLimit(deps, `oauth2-${endpoint}-client:${client.id}`, deps.config.tokenRequestsPerMinutePerClient);
  return { form, client };
}

async function checkRateLimit(deps: AppDeps, key: string, perMinute: number): Promise<void> {
  if (perMinute === 0) return;
  if ((await hitRateLimit(deps.db, key, 60, deps.now())) > perMinute) {
    throw new OAuth2Error("temporarily_unavailable", "too many requests; retry in a minute", { status: 429 });
  }
}

export function registerOAuth2TokenRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.post("/oauth2/token", async (request, reply) => {
    const { form, client } = await authenticateClientRequest(request, deps, "token");
    const grantType = parseGrantType(form);
    const response = grantType === "authorization_code" ? await exchangeAuthorizationCode(form, client, deps)
      : grantType === "refresh_token" ? await exchangeRefreshToken(form, client, deps)
      : await issueClientCredentialsToken(form, client, request.ip, deps);
    return reply.headers(NO_STORE).send(response);
  });

  app.post("/oauth2/revoke", async (request, reply) => {
    const { form, client } = await authenticateClientRequest(request, deps, "revoke");
    await revokeToken(form, client, deps);
    // RFC 7009 §2.2: 200 whether or not the token was valid
    return reply.headers(NO_STORE).send();
  });

  app.post("/oauth2/introspect", async (request, reply) => {
    const { form, client } = await authenticateClientRequest(request, deps, "introspect");
    return reply.headers(NO_STORE).send(await introspectToken(form, client, deps));
  });

  const metadata = (_request: FastifyRequest, reply: FastifyReply) =>
    reply.header("cache-control", "public, max-age=300").send(createServerMetadata(deps.config.issuer));
  app.get("/.well-known/oauth-authorization-server", metadata);

  app.get("/.well-known/jwks.json", async (_request, reply) => {
    await findCurrentSigningKey(deps); // the first key is made on first need
    return reply.header("cache-control", "public, max-age=60").send(await publishedJwks(deps, longestTokenSecondsOf(deps.config)));
  });
}
