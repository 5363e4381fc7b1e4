// RFC 6749 §4.1.1 authorization requests, checked in the order §4.1.2.1 demands: first the
// client and redirect URI (errors shown on a page, never redirected: §3.1.2.4, RFC 9700 §4.1),
// then everything else (errors redirected with error, error_description, state and iss).
import type { Client } from "../../domain/client.ts";
import { isPlausibleClientId } from "./client-authentication.ts";
import { OAuth2Error } from "./errors.ts";
import { parseCodeChallenge, type CodeChallenge } from "./pkce.ts";
import { resolveAuthorizationScopes } from "./scope.ts";

export type AuthorizationTarget = Readonly<{ client: Client; redirectUri: string; state: string | null }>;

export type AuthorizationRequest = AuthorizationTarget & Readonly<{
  scopes: readonly string[];
  codeChallenge: CodeChallenge | null;
  /** prompt=consent: ask even when a grant already covers the scopes */
  forceConsent: boolean;
}>;

const notRedirectable = (description: string) => new OAuth2Error("invalid_request", description, { redirectable: false });

function single(params: URLSearchParams, name: string, redirectable: boolean): string | null {
  const values = params.getAll(name);
  if (values.length > 1) throw new OAuth2Error("invalid_request", `the parameter ${name} is repeated`, { redirectable });
  const value = values[0];
  return value === undefined || value === "" ? null : value;
}

/** step 1: the client and where to send it back; every error here is shown, never redirected */
export async function parseAuthorizationTarget(params: URLSearchParams, findClient: (id: string) => Promise<Client | null>): Promise<AuthorizationTarget> {
  const clientId = single(params, "client_id", false);
  if (clientId === null) throw notRedirectable("The request names no application (client_id is missing).");
  const client = isPlausibleClientId(clientId) ? await findClient(clientId) : null;
  if (client === null) throw notRedirectable("The application that sent you here is not registered with fitgate.");
  const requested = single(params, "redirect_uri", false);
  // §3.1.2.3: with exactly one registered redirect URI the parameter may be left out
  const redirectUri = requested ?? (client.redirectUris.length === 1 ? client.redirectUris[0] ?? null : null);
  if (redirectUri === null) throw notRedirectable("The request does not say where to send you back (redirect_uri is missing).");
  // RFC 9700 §4.1.3: exact string match, no patterns or prefixes
  if (!client.redirectUris.includes(redirectUri)) throw notRedirectable("The address the application wants to send you back to is not registered for it.");
  const state = single(params, "state", false);
  return { client, redirectUri, state };
}

/** step 2: the rest of the request; errors from here on are redirected to the client */
export function parseAuthorizationRequest(params: URLSearchParams, target: AuthorizationTarget): AuthorizationRequest {
  const responseType = single(params, "response_type", true);
  if (responseType === null) throw new OAuth2Error("invalid_request", "response_type is required");
  if (responseType !== "code") throw new OAuth2Error("unsupported_response_type", "only response_type=code is supported");
  for (const name of new Set(params.keys())) single(params, name, true);
  const codeChallenge = parseCodeChallenge(single(params, "code_challenge", true), single(params, "code_challenge_method", true));
  if (codeChallenge === null && target.client.type === "public") {
    throw new OAuth2Error("invalid_request", "public clients must use PKCE (code_challenge with S256)");
  }
  const scopes = resolveAuthorizationScopes(single(params, "scope", true), target.client);
  const prompt = (single(params, "prompt", true) ?? "").split(" ");
  return { ...target, scopes, codeChallenge, forceConsent: prompt.includes("consent") || prompt.includes("login") };
}

/** RFC 6749 §4.1.2 / §4.1.2.1 with RFC 9207 iss: the redirect URI with the response appended */
export function createAuthorizationRedirect(target: AuthorizationTarget, issuer: URL, response: Record<string, string>): string {
  const url = new URL(target.redirectUri);
  for (const [name, value] of Object.entries(response)) url.searchParams.append(name, value);
  if (target.state !== null) url.searchParams.append("state", target.state);
  url.searchParams.append("iss", issuer.href.replace(/\/$/, ""));
  return url.href;
}

/** the hidden fields that carry the request through the consent form */
export function authorizationRequestFields(request: AuthorizationRequest): Record<string, string> {
  return {
    response_type: "code",
    client_id: request.client.id,
    redirect_uri: request.redirectUri,
    scope: request.scopes.join(" "),
    ...(request.state === null ? {} : { state: request.state }),
    ...(request.codeChallenge === null ? {} : { code_challenge: request.codeChallenge.challenge, code_challenge_method: "S256" }),
  };
}
