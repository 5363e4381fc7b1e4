// Steps most OAuth 2 tests start from (after pages.ts loggedInPageClient): an authorization
// request taken through consent, and token requests through app.inject.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { createS256CodeChallenge } from "../../src/protocol/oauth2/pkce.ts";
import type { PageClient } from "./pages.ts";

// bench/ imports the logged-in page client from here
export { loggedInPageClient } from "./pages.ts";

export const REDIRECT_URI = "http://localhost:12345/callback";

export function createPkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createS256CodeChallenge(verifier) };
}

export function authorizeUrl(params: Record<string, string>): string {
  return `/oauth2/authorize?${new URLSearchParams({ response_type: "code", redirect_uri: REDIRECT_URI, state: "xyz", ...params })}`;
}

/** the hidden fields of the consent form (the authorization request, csrf_token, consent_for) */
export function consentFormFields(consentPage: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of consentPage.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1] as string] = (match[2] as string).replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  }
  return fields;
}

/** GET the authorization request, press the button on the consent page; the redirect URL */
export async function authorizeThroughConsent(page: PageClient, url: string, decision: "allow" | "deny" = "allow"): Promise<URL> {
  const consent = await page.get(url);
  if (consent.statusCode === 302) return new URL(consent.headers.location as string);
  assert.equal(consent.statusCode, 200, consent.body);
  const response = await page.post("/oauth2/authorize", { ...consentFormFields(consent.body), decision });
  assert.equal(response.statusCode, 303, response.body);
  return new URL(response.headers.location as string);
}

export async function obtainCode(page: PageClient, params: Record<string, string>): Promise<string> {
  const redirect = await authorizeThroughConsent(page, authorizeUrl(params));
  const code = redirect.searchParams.get("code");
  assert.ok(code, `no code in ${redirect.href}`);
  return code;
}

export function postToken(app: FastifyInstance, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return app.inject({
    method: "POST", url: "/oauth2/token", payload: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
}

export function basic(id: string, secret: string): string {
  const encode = (v: string) => encodeURIComponent(v).replace(/%20/g, "+");
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString("base64")}`;
}
