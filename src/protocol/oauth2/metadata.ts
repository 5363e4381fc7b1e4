// RFC 8414 authorization server metadata: every endpoint and capability fitgate has.
import { SCOPE_CATALOGUE } from "../../domain/scopes.ts";

export function createServerMetadata(issuer: URL): Record<string, unknown> {
  const base = issuer.href.replace(/\/$/, "");
  const authMethods = ["client_secret_basic", "client_secret_post", "none"];
  return {
    issuer: base,
    authorization_endpoint: `${base}/oauth2/authorize`,
    token_endpoint: `${base}/oauth2/token`,
    jwks_uri: `${base}/.well-known/jwks.json`,
    revocation_endpoint: `${base}/oauth2/revoke`,
    introspection_endpoint: `${base}/oauth2/introspect`,
    scopes_supported: SCOPE_CATALOGUE.map((s) => s.name),
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token", "client_credentials"],
    token_endpoint_auth_methods_supported: authMethods,
    revocation_endpoint_auth_methods_supported: authMethods,
    introspection_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    code_challenge_methods_supported: ["S256"],
    authorization_response_iss_parameter_supported: true,
    service_documentation: `${base}/api/docs`,
  };
}
