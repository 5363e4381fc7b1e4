// RFC 6749 §2.3.1 client authentication at the token, revocation and introspection endpoints:
// client_secret_basic (credentials form-encoded inside Basic), client_secret_post, or none for
// public clients. Secrets are 256-bit random values, so SHA-256 + a constant-time compare is
// enough; no slow password hash on the hot path. Plus MapMyFitness's Api-Key header rule.
import type { Client } from "../../domain/client.ts";
import { constantTimeEqual, sha256Hex } from "../../security/random.ts";
import { invalidClient, invalidRequest } from "./errors.ts";

/** client ids fitgate issues are short printable ASCII; anything else is unknown without a lookup (and never reaches the database: PostgreSQL refuses NUL) */
export function isPlausibleClientId(clientId: string): boolean {
  return /^[\x21-\x7e]{1,200}$/.test(clientId);
}

export type ClientAuthenticationMethod = "client_secret_basic" | "client_secret_post" | "none";

export type ClientCredentials = Readonly<{ clientId: string; clientSecret: string | null; method: ClientAuthenticationMethod }>;

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    throw invalidClient("the Basic credentials are not form-encoded (RFC 6749 section 2.3.1)");
  }
}

/** @see RFC 6749 §2.3.1 */
export function parseClientCredentials(authorization: string | undefined, form: URLSearchParams): ClientCredentials {
  const bodyId = form.get("client_id");
  const bodySecret = form.get("client_secret");
  const basic = /^Basic +([A-Za-z0-9+/]+=*) *$/i.exec(authorization ?? "");
  if (basic?.[1] !== undefined) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 1) throw invalidClient("malformed Basic credentials");
    const clientId = formDecode(decoded.slice(0, colon));
    const clientSecret = formDecode(decoded.slice(colon + 1));
    if (bodySecret !== null) throw invalidRequest("use one client authentication method, not Basic and client_secret together");
    if (bodyId !== null && bodyId !== clientId) throw invalidRequest("client_id in the body differs from the Basic credentials");
    // an empty password is no secret: requests-oauthlib sends "client_id:" for a public client
    if (clientSecret === "") return { clientId, clientSecret: null, method: "none" };
    return { clientId, clientSecret, method: "client_secret_basic" };
  }
  if (/^Basic\b/i.test(authorization ?? "")) throw invalidClient("malformed Basic credentials");
  if (bodyId === null || bodyId === "") throw invalidClient("client authentication is required");
  return bodySecret === null || bodySecret === ""
    ? { clientId: bodyId, clientSecret: null, method: "none" }
    : { clientId: bodyId, clientSecret: bodySecret, method: "client_secret_post" };
}

/** the authenticated client; one answer for unknown clients and wrong secrets */
export function checkClientAuthentication(client: Client | null, credentials: ClientCredentials): Client {
  if (client === null) throw invalidClient("client authentication failed", `unknown client ${credentials.clientId}`);
  if (client.type === "public") {
    if (credentials.clientSecret !== null) throw invalidClient("client authentication failed", "public clients have no secret");
    return client;
  }
  if (credentials.clientSecret === null || client.secretHash === null) throw invalidClient("client authentication failed", "secret missing");
  if (!constantTimeEqual(sha256Hex(credentials.clientSecret), client.secretHash)) throw invalidClient("client authentication failed", "wrong secret");
  return client;
}

/** MapMyFitness (seed 001) sends `Api-Key: <client id>`; when present it must name the same client */
export function checkApiKey(apiKey: string | undefined, clientId: string): void {
  if (apiKey !== undefined && apiKey !== clientId) throw invalidClient("the Api-Key header does not match the client", "Api-Key mismatch");
}
