// RFC 6749 §3.2 and §5.2 for the token endpoint's form: form-encoded only, every parameter at
// most once, a grant type the server knows.
import { invalidRequest, OAuth2Error } from "./errors.ts";

export type GrantType = "authorization_code" | "refresh_token" | "client_credentials";
const GRANT_TYPES: readonly GrantType[] = ["authorization_code", "refresh_token", "client_credentials"];

function isGrantType(value: string): value is GrantType {
  return (GRANT_TYPES as readonly string[]).includes(value);
}

/**
 * The form of a POST to an OAuth 2 endpoint, refusing JSON and repeated parameters (§3.1), and
 * without the parameters sent with no value: §3.1 says to treat them as omitted, so
 * `redirect_uri=` or `code_verifier=` from a client library is no mismatch.
 */
export function checkOAuthForm(form: URLSearchParams | null): URLSearchParams {
  if (form === null) throw invalidRequest("the request body must be application/x-www-form-urlencoded");
  const seen = new Set<string>();
  const present = new URLSearchParams();
  for (const [name, value] of form) {
    if (seen.has(name)) throw invalidRequest(`the parameter ${name} is repeated`);
    seen.add(name);
    if (value !== "") present.append(name, value);
  }
  return present;
}

export function parseGrantType(form: URLSearchParams): GrantType {
  const grantType = form.get("grant_type");
  if (grantType === null || grantType === "") throw invalidRequest("grant_type is required");
  if (!isGrantType(grantType)) throw new OAuth2Error("unsupported_grant_type", `grant_type ${grantType.slice(0, 40)} is not supported`);
  return grantType;
}

/** a required parameter, non-empty */
export function requireParameter(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (value === null || value === "") throw invalidRequest(`${name} is required`);
  return value;
}
