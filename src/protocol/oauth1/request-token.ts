// RFC 5849 §2.1 (temporary credentials), as SPEC §3 and FatSecret's step 1 use it: oauth_callback
// is "oob" or an absolute URL registered for the application; the response is form-encoded with
// oauth_callback_confirmed=true.
import type { Client } from "../../domain/client.ts";
import { parseScopeString } from "../../domain/scopes.ts";
import { parameterAbsent, parameterRejected } from "./problems.ts";

export const OUT_OF_BAND = "oob";

/**
 * "oob", or a callback URL matching a registered one: exactly, or with a query added when the
 * registered URL has none (so apps may carry their own state).
 * @see RFC 5849 §2.1
 */
export function parseCallback(value: string | null, client: Client): string {
  if (value === null || value === "") throw parameterAbsent("oauth_callback", 'Send oauth_callback: an absolute URL registered for your application, or "oob".');
  if (value === OUT_OF_BAND) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw parameterRejected("oauth_callback", 'oauth_callback must be an absolute URL or "oob".');
  }
  if (!/^https?:$/.test(url.protocol) || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw parameterRejected("oauth_callback", "oauth_callback must be an http(s) URL without fragment or credentials.");
  }
  const matches = client.callbackUrls.some((registered) => value === registered || (!registered.includes("?") && value.startsWith(`${registered}?`)));
  if (!matches) {
    throw parameterRejected("oauth_callback", `oauth_callback ${value} is not one of the callback URLs registered for this application; add it in the developer portal or use "oob".`);
  }
  return value;
}

/**
 * OAuth 1 has no scope parameter: an application gets its default scopes (all its scopes when it
 * has no defaults — FatSecret's rule), unless it narrows them with an optional signed `scope`.
 */
export function parseRequestedScopes(scope: string | null, client: Client): string[] {
  const defaults = client.defaultScopes.length > 0 ? client.defaultScopes : client.scopes;
  if (scope === null || scope.trim() === "") return [...defaults];
  const requested = parseScopeString(scope);
  const unknown = requested.filter((s) => !client.scopes.includes(s));
  if (unknown.length > 0) {
    throw parameterRejected("scope", `scope asks for ${unknown.join(" ")}, which this application is not registered for.`);
  }
  return requested;
}

/** @see RFC 5849 §2.1 */
export function createRequestTokenResponse(token: string, tokenSecret: string): string {
  return new URLSearchParams({ oauth_token: token, oauth_token_secret: tokenSecret, oauth_callback_confirmed: "true" }).toString();
}
