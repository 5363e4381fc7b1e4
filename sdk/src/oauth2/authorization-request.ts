// RFC 6749 §4.1.1 (authorization request) with RFC 7636 PKCE and a state; §4.1.2 the callback,
// checked against the request it answers, and RFC 9207's `iss` when the server sends it.
import { AuthorizationResponseError } from "../errors.ts";
import { createS256CodeChallenge, generateCodeVerifier, generateState } from "./pkce.ts";

export type AuthorizationRequestOptions = Readonly<{
  authorizationEndpoint: string | URL;
  clientId: string;
  redirectUri: string;
  /** space-delimited string or list; omitted → the server's default scopes for the client */
  scope?: string | readonly string[] | undefined;
  /** generated when omitted */
  state?: string | undefined;
  /** generated when omitted; pass `null` for a server without PKCE (MapMyFitness v7.1) */
  codeVerifier?: string | null | undefined;
  extraParameters?: Readonly<Record<string, string>> | undefined;
}>;

/** What the app must keep (in its session) until the callback arrives. */
export type PendingAuthorization = Readonly<{
  url: URL;
  state: string;
  codeVerifier: string | null;
  redirectUri: string;
}>;

/**
 * Builds the URL to send the user's browser to.
 * @see RFC 6749 §4.1.1, RFC 7636 §4.3
 */
export async function createAuthorizationRequest(options: AuthorizationRequestOptions): Promise<PendingAuthorization> {
  const url = new URL(options.authorizationEndpoint);
  const state = options.state ?? generateState();
  const codeVerifier = options.codeVerifier === undefined ? generateCodeVerifier() : options.codeVerifier;
  const parameters: [string, string][] = [
    ["response_type", "code"],
    ["client_id", options.clientId],
    ["redirect_uri", options.redirectUri],
  ];
  const scope = typeof options.scope === "string" ? options.scope : options.scope?.join(" ");
  if (scope !== undefined && scope !== "") parameters.push(["scope", scope]);
  parameters.push(["state", state]);
  if (codeVerifier !== null) {
    parameters.push(["code_challenge", await createS256CodeChallenge(codeVerifier)], ["code_challenge_method", "S256"]);
  }
  for (const [name, value] of Object.entries(options.extraParameters ?? {})) parameters.push([name, value]);
  for (const [name, value] of parameters) url.searchParams.set(name, value);
  return { url, state, codeVerifier, redirectUri: options.redirectUri };
}

export type AuthorizationResponseExpectations = Readonly<{
  state: string;
  /** the issuer we started with; when given, an `iss` in the callback must equal it (RFC 9207 §2.4) */
  issuer?: string | null | undefined;
  /** the server's metadata says authorization_response_iss_parameter_supported: `iss` must be there */
  issuerRequired?: boolean | undefined;
}>;

/**
 * Reads the redirect back to the app: the code, or the error the server (or the user) chose.
 * State is checked before anything else so a forged callback never reaches the token endpoint.
 * @see RFC 6749 §4.1.2, §4.1.2.1, §10.12, RFC 9207 §2.4
 */
export function parseAuthorizationResponse(callbackUrl: string | URL, expected: AuthorizationResponseExpectations): { code: string } {
  const query = new URL(callbackUrl).searchParams;
  const state = query.get("state");
  if (state !== expected.state) {
    throw new AuthorizationResponseError("state_mismatch", "the callback's state is not the one this request sent (possible CSRF)");
  }
  const issuer = query.get("iss");
  if (issuer === null && expected.issuerRequired === true) {
    throw new AuthorizationResponseError("issuer_missing", "the server promises an iss parameter (RFC 9207) and this callback has none");
  }
  if (issuer !== null && expected.issuer !== undefined && expected.issuer !== null && issuer !== expected.issuer) {
    throw new AuthorizationResponseError("issuer_mismatch", `the callback came from ${issuer}, not ${expected.issuer} (RFC 9207)`);
  }
  const error = query.get("error");
  if (error !== null) throw new AuthorizationResponseError(error, query.get("error_description"));
  const code = query.get("code");
  if (code === null || code === "") throw new AuthorizationResponseError("invalid_response", "the callback carries neither code nor error");
  return { code };
}
