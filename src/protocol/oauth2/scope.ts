// RFC 6749 §3.3 scopes for each grant. Omitted on an authorization request → the client's
// default scopes chosen at registration (or all it may have); omitted on client credentials →
// every client scope it may have (FatSecret, seed 004); on refresh → at most the original scopes (§6).
import type { Client } from "../../domain/client.ts";
import { findScope, parseScopeString } from "../../domain/scopes.ts";
import { invalidScope } from "./errors.ts";

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

function parseRequested(raw: string): string[] {
  const scopes = parseScopeString(raw);
  for (const scope of scopes) {
    if (!SCOPE_TOKEN.test(scope)) throw invalidScope("scope contains characters RFC 6749 section 3.3 does not allow");
  }
  return scopes;
}

function checkAllowed(scopes: readonly string[], allowed: readonly string[]): void {
  const refused = scopes.filter((s) => findScope(s) === null || !allowed.includes(s));
  if (refused.length > 0) throw invalidScope(`scope not allowed for this client: ${refused.join(" ")}`);
}

export function resolveAuthorizationScopes(raw: string | null, client: Client): string[] {
  if (raw === null || raw.trim() === "") return [...(client.defaultScopes.length > 0 ? client.defaultScopes : client.scopes)];
  const scopes = parseRequested(raw);
  checkAllowed(scopes, client.scopes);
  return scopes;
}

/** client credentials carry no user: only client scopes (the food catalogue), never a user's data */
export function resolveClientCredentialsScopes(raw: string | null, client: Client): string[] {
  const clientScopes = client.scopes.filter((s) => findScope(s)?.kind === "client");
  if (raw === null || raw.trim() === "") return clientScopes;
  const scopes = parseRequested(raw);
  checkAllowed(scopes, clientScopes);
  return scopes;
}

/** RFC 6749 §6: a narrower scope may be asked for, never a wider one */
export function narrowRefreshScopes(raw: string | null, original: readonly string[]): string[] {
  if (raw === null || raw.trim() === "") return [...original];
  const scopes = parseRequested(raw);
  const wider = scopes.filter((s) => !original.includes(s));
  if (wider.length > 0) throw invalidScope(`scope exceeds what was granted: ${wider.join(" ")}`);
  return scopes;
}
