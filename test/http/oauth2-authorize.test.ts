// GET|POST /oauth2/authorize through app.inject (RFC 6749 §4.1.1, §4.1.2.1, RFC 9207), both databases.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTestClient, createTestUser } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { authorizeThroughConsent, authorizeUrl, consentFormFields, createPkce, REDIRECT_URI } from "../helpers/oauth2-flow.ts";
import { createPageClient, loggedInPageClient } from "../helpers/pages.ts";
import { useTestApp } from "../helpers/suite.ts";

const targets = await databaseTargets();

for (const target of targets) {
  describe(`OAuth 2 authorization endpoint on ${target.dialect}`, { skip: target.skip }, () => {
    const t = useTestApp(target);

    const pageErrors: Array<[string, (clientId: string) => string]> = [
      ["an unknown client", () => authorizeUrl({ client_id: "nobody" })],
      ["a missing client_id", () => "/oauth2/authorize?response_type=code"],
      ["a client_id with a NUL byte", () => authorizeUrl({ client_id: "a\u0000b" })],
      ["a redirect URI that is not registered", (id) => authorizeUrl({ client_id: id, redirect_uri: "https://evil.example/callback" })],
      ["a redirect URI that only starts like a registered one", (id) => authorizeUrl({ client_id: id, redirect_uri: `${REDIRECT_URI}/../x` })],
      ["a redirect URI with an extra query", (id) => authorizeUrl({ client_id: id, redirect_uri: `${REDIRECT_URI}?a=1` })],
      ["a repeated client_id", (id) => `${authorizeUrl({ client_id: id })}&client_id=${id}`],
    ];
    for (const [name, url] of pageErrors) {
      it(`${name} is shown on an error page, never redirected`, async () => {
        const { client } = await createTestClient(t.deps);
        const response = await t.app.inject({ method: "GET", url: url(client.id) });
        assert.equal(response.statusCode, 400);
        assert.equal(response.headers.location, undefined);
        assert.match(String(response.headers["content-type"]), /^text\/html/);
        assert.match(String(response.headers["content-security-policy"]), /frame-ancestors 'none'/);
      });
    }

    const redirectedErrors: Array<[string, Record<string, string>, string]> = [
      ["an unsupported response_type", { response_type: "token" }, "unsupported_response_type"],
      ["a scope the client may not use", { scope: "profile nlp-unknown" }, "invalid_scope"],
      ["a plain PKCE method", { code_challenge: "a".repeat(43), code_challenge_method: "plain" }, "invalid_request"],
      ["a repeated scope", { scope: "profile&scope=basic" }, "invalid_request"],
    ];
    for (const [name, params, code] of redirectedErrors) {
      it(`${name} is redirected back as ${code} with state and iss, once the person has logged in`, async () => {
        const { client } = await createTestClient(t.deps);
        const url = authorizeUrl({ client_id: client.id, ...params }).replace("scope=profile%26scope%3Dbasic", "scope=profile&scope=basic");
        // RFC 9700 §4.11.2: no redirect for someone not logged in — fitgate is nobody's open redirector
        const anonymous = await t.app.inject({ method: "GET", url });
        assert.equal(anonymous.statusCode, 303);
        assert.equal(anonymous.headers.location, `/login?return_to=${encodeURIComponent(url)}`);
        const { page } = await loggedInPageClient(t);
        const response = await page.get(url);
        assert.equal(response.statusCode, 302);
        const location = new URL(response.headers.location as string);
        assert.equal(location.origin + location.pathname, REDIRECT_URI);
        assert.equal(location.searchParams.get("error"), code);
        assert.ok(location.searchParams.get("error_description"));
        assert.equal(location.searchParams.get("iss"), "http://localhost:8080");
        assert.equal(location.searchParams.get("state"), "xyz");
      });
    }

    it("a public client without PKCE is refused", async () => {
      const { client } = await createTestClient(t.deps, { type: "public" });
      const { page } = await loggedInPageClient(t);
      const response = await page.get(authorizeUrl({ client_id: client.id }));
      assert.equal(new URL(response.headers.location as string).searchParams.get("error"), "invalid_request");
    });

    it("asks for a login first, then comes back to the same request", async () => {
      const { client } = await createTestClient(t.deps);
      const url = authorizeUrl({ client_id: client.id, scope: "profile" });
      const { page } = await loggedInPageClient(t);
      const anonymous = createPageClient(t.app);
      const first = await anonymous.get(url);
      assert.equal(first.statusCode, 303);
      assert.equal(first.headers.location, `/login?return_to=${encodeURIComponent(url)}`);
      const consent = await page.get(url);
      assert.equal(consent.statusCode, 200);
      assert.match(consent.body, /See your fitgate profile/);
      // clickjacking: no other site may frame the Allow button
      assert.match(String(consent.headers["content-security-policy"]), /frame-ancestors 'none'/);
      assert.equal(consent.headers["x-frame-options"], "DENY");
      assert.equal(consent.headers["cache-control"], "no-store");
      assert.match(consent.body, /value="allow">Allow<\/button>/);
      assert.match(consent.body, /value="deny"[^>]*>Deny<\/button>/);
    });

    it("Deny redirects with access_denied, state and iss", async () => {
      const { client } = await createTestClient(t.deps);
      const { page } = await loggedInPageClient(t);
      const redirect = await authorizeThroughConsent(page, authorizeUrl({ client_id: client.id }), "deny");
      assert.equal(redirect.searchParams.get("error"), "access_denied");
      assert.equal(redirect.searchParams.get("state"), "xyz");
      assert.equal(redirect.searchParams.get("iss"), "http://localhost:8080");
      assert.equal(redirect.searchParams.get("code"), null);
    });

    it("remembers consent for a confidential client unless prompt=consent; a public client always asks", async () => {
      const { client } = await createTestClient(t.deps);
      const { client: spa } = await createTestClient(t.deps, { type: "public" });
      const { page } = await loggedInPageClient(t);
      const first = await authorizeThroughConsent(page, authorizeUrl({ client_id: client.id, scope: "profile diary:read" }));
      assert.ok(first.searchParams.get("code"));
      const again = await page.get(authorizeUrl({ client_id: client.id, scope: "profile" }));
      assert.equal(again.statusCode, 302);
      assert.ok(new URL(again.headers.location as string).searchParams.get("code"));
      assert.equal((await page.get(authorizeUrl({ client_id: client.id, scope: "profile", prompt: "consent" }))).statusCode, 200);
      assert.equal((await page.get(authorizeUrl({ client_id: client.id, scope: "weight:read" }))).statusCode, 200, "a wider scope asks again");
      const pkce = createPkce();
      const spaUrl = authorizeUrl({ client_id: spa.id, scope: "profile", code_challenge: pkce.challenge, code_challenge_method: "S256" });
      await authorizeThroughConsent(page, spaUrl);
      assert.equal((await page.get(spaUrl)).statusCode, 200);
    });

    it("Allow on a consent page shown to another account (the session changed meanwhile) asks again instead of granting", async () => {
      const { client } = await createTestClient(t.deps);
      const { page } = await loggedInPageClient(t);
      const consent = await page.get(authorizeUrl({ client_id: client.id, scope: "profile" }));
      assert.equal(consent.statusCode, 200);
      const fields = consentFormFields(consent.body);
      const other = await createTestUser(t.deps);
      // logging in again on the same browser: the login form posts straight over the old session
      assert.equal((await page.post("/login", { csrf_token: fields.csrf_token ?? "", email: other.email, password: other.password })).statusCode, 303);
      const response = await page.post("/oauth2/authorize", { ...fields, decision: "allow" });
      assert.equal(response.statusCode, 200, `no code for ${other.email} from a page shown to someone else: ${response.headers.location}`);
      assert.match(response.body, new RegExp(other.email.replace(/[.]/g, "\\.")));
    });

    it("Allow after the session ended sends the person to log in and back to the same consent, not elsewhere", async () => {
      const { client } = await createTestClient(t.deps);
      const { user, page } = await loggedInPageClient(t);
      const consent = await page.get(authorizeUrl({ client_id: client.id, scope: "profile" }));
      const fields = consentFormFields(consent.body);
      assert.equal((await page.post("/logout", { csrf_token: fields.csrf_token ?? "" })).statusCode, 303);
      const response = await page.post("/oauth2/authorize", { ...fields, decision: "allow" });
      assert.equal(response.statusCode, 303);
      const returnTo = new URL(String(response.headers.location), "http://localhost:8080").searchParams.get("return_to") ?? "";
      assert.match(returnTo, /^\/oauth2\/authorize\?/);
      const back = await page.post("/login", { csrf_token: fields.csrf_token ?? "", email: user.email, password: user.password, return_to: returnTo });
      assert.equal(back.headers.location, returnTo);
      const again = await page.get(returnTo);
      assert.equal(again.statusCode, 200, "the consent page again, for the person to decide");
      assert.equal(consentFormFields(again.body).scope, "profile");
    });

    it("a consent form without the CSRF token changes nothing", async () => {
      const { client } = await createTestClient(t.deps);
      const { page } = await loggedInPageClient(t);
      const response = await page.post("/oauth2/authorize", { response_type: "code", client_id: client.id, redirect_uri: REDIRECT_URI, decision: "allow" });
      assert.equal(response.statusCode, 403);
    });
  });
}
