// RFC 6749 §3.2 and §5.2 for the token endpoint's form: form-encoded only, every parameter at
// most once, a grant type the server knows.
import { invalidRequest, OAuth2Error } from "./errors.ts";

export type GrantType = "authorization_code" | "refresh_token" | "client_credentials";
const GRANT_TYPES: readonly GrantType[] = ["authorization_code", "refresh_token", "client_credentials"];

function isGrantType(value: string): value is GrantType {
  return (GRANT_TYPES as readonly string[]).includes(value);
}

/** the form of a POST to an OAuth 2 endpoint, refusing JSON and repeated parameters */
export function checkOAuthForm(form: URLSearchParams | null): URLSearchParams {
  if (form === null) throw invalidRequest("the request body must be application/x-www-form-urlencoded");
  const seen = new Set<string>();
  for (const name of form.keys()) {
    if (seen.has(name)) throw invalidRequest(`the parameter ${name} is repeated`);
    seen.add(name);
  }
  return form;
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
