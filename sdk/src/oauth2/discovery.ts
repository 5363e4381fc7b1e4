// RFC 8414: authorization server metadata from /.well-known/oauth-authorization-server,
// fetched and checked (the issuer in the document must be the one we asked, §3.3).
import { InvalidResponseError } from "../errors.ts";
import { defaultFetch, isJsonObject, readJsonBody, readOptionalString, readOptionalStringArray, readString, type FetchLike } from "../http.ts";

export type AuthorizationServerMetadata = Readonly<{
  issuer: string;
  authorizationEndpoint: string | null;
  tokenEndpoint: string;
  revocationEndpoint: string | null;
  introspectionEndpoint: string | null;
  jwksUri: string | null;
  scopesSupported: readonly string[] | null;
  responseTypesSupported: readonly string[];
  grantTypesSupported: readonly string[];
  tokenEndpointAuthMethodsSupported: readonly string[];
  codeChallengeMethodsSupported: readonly string[];
  /** RFC 9207: the server adds `iss` to its authorization responses */
  authorizationResponseIssParameterSupported: boolean;
}>;

/**
 * The well-known URL for an issuer: the path component goes after the well-known prefix.
 * @see RFC 8414 §3.1
 */
export function metadataUrlFor(issuer: string | URL): URL {
  const url = new URL(issuer);
  const path = url.pathname === "/" ? "" : url.pathname.replace(/\/$/, "");
  return new URL(`/.well-known/oauth-authorization-server${path}`, url.origin);
}

/** @see RFC 8414 §3.2 (fields and defaults), §3.3 (issuer validation) */
export function parseAuthorizationServerMetadata(body: unknown, expectedIssuer: string): AuthorizationServerMetadata {
  const where = "authorization server metadata";
  if (!isJsonObject(body)) throw new InvalidResponseError(`${where}: expected a JSON object`);
  const issuer = readString(body, "issuer", where);
  // identical, but for the trailing slash of a bare origin, which URL serializers add freely
  if (issuer.replace(/\/$/, "") !== expectedIssuer.replace(/\/$/, "")) throw new InvalidResponseError(`${where}: issuer is ${issuer}, expected ${expectedIssuer} (RFC 8414 §3.3)`);
  const iss = body.authorization_response_iss_parameter_supported;
  if (iss !== undefined && typeof iss !== "boolean") throw new InvalidResponseError(`${where}: authorization_response_iss_parameter_supported must be a boolean`);
  return {
    issuer,
    authorizationEndpoint: readOptionalString(body, "authorization_endpoint", where),
    tokenEndpoint: readString(body, "token_endpoint", where),
    revocationEndpoint: readOptionalString(body, "revocation_endpoint", where),
    introspectionEndpoint: readOptionalString(body, "introspection_endpoint", where),
    jwksUri: readOptionalString(body, "jwks_uri", where),
    scopesSupported: readOptionalStringArray(body, "scopes_supported", where),
    responseTypesSupported: readOptionalStringArray(body, "response_types_supported", where) ?? [],
    grantTypesSupported: readOptionalStringArray(body, "grant_types_supported", where) ?? ["authorization_code", "implicit"],
    tokenEndpointAuthMethodsSupported: readOptionalStringArray(body, "token_endpoint_auth_methods_supported", where) ?? ["client_secret_basic"],
    codeChallengeMethodsSupported: readOptionalStringArray(body, "code_challenge_methods_supported", where) ?? [],
    authorizationResponseIssParameterSupported: iss === true,
  };
}

/**
 * Fetches and checks an issuer's metadata.
 * @see RFC 8414 §3
 */
export async function discoverAuthorizationServer(issuer: string | URL, options: { fetch?: FetchLike | undefined } = {}): Promise<AuthorizationServerMetadata> {
  const fetchImpl = options.fetch ?? defaultFetch();
  const expectedIssuer = String(issuer).replace(/\/$/, "");
  const response = await fetchImpl(metadataUrlFor(issuer), { headers: { accept: "application/json" }, redirect: "manual" });
  const body = await readJsonBody(response, "metadata endpoint");
  if (response.status !== 200) throw new InvalidResponseError(`metadata endpoint answered HTTP ${response.status}`, response.status);
  return parseAuthorizationServerMetadata(body, expectedIssuer);
}
