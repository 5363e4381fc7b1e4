// Property tests (fast-check, bounded runs) against every OAuth 2 endpoint through app.inject:
// whatever the parameters, headers or body, the answer is never a 5xx, errors keep the RFC 6749
// §5.2 JSON shape, and the authorization endpoint redirects only to a registered redirect URI.
// On SQLite and PostgreSQL.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { createTestClient } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { basic, consentFormFields, createPkce, obtainCode, REDIRECT_URI } from "../helpers/oauth2-flow.ts";
import { loggedInPageClient } from "../helpers/pages.ts";
import { useTestApp } from "../helpers/suite.ts";

const RUNS = Number(process.env.FITGATE_FUZZ_RUNS ?? 120);
const targets = await databaseTargets();

const OAUTH2_ERROR_CODES = new Set([
  "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type",
  "invalid_scope", "unsupported_token_type", "temporarily_unavailable",
]);

/** RFC 6749 §5.2: a JSON object with a known error code and a string description, never cached */
function assertOAuth2Answer(response: LightMyRequestResponse): void {
  assert.ok(response.statusCode < 500, `${response.statusCode} ${response.body}`);
  assert.equal(response.headers["cache-control"], "no-store");
  if (response.statusCode === 200) return;
  assert.match(String(response.headers["content-type"]), /^application\/json/);
  const body: unknown = response.json();
  assert.ok(typeof body === "object" && body !== null, response.body);
  const { error, error_description: description } = body as Record<string, unknown>;
  assert.ok(typeof error === "string" && OAUTH2_ERROR_CODES.has(error), response.body);
  assert.match(String(description), /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/, "§5.2: error_description characters");
  if (response.statusCode === 401) assert.match(String(response.headers["www-authenticate"]), /^Basic realm=/);
}

/** strings that have broken parsers before: empty, huge, NUL, lone surrogates, bad %-escapes, JSON-ish */
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "%", "%zz", "%C0%80", "%FF%FE", "%00", "\u0000", "\uD800", "a".repeat(70_000), "[]", "{}", "null",
    "Bearer", "eyJhbGciOiJub25lIn0.e30.", "eyJ.eyJ.sig", "a.b.c", "basic premier", "profile diary:read", "openid", "S256", "plain",
    REDIRECT_URI, `${REDIRECT_URI}?a=1`, "javascript:alert(1)", "http://[::1", "authorization_code", "refresh_token", "client_credentials"),
);

const TOKEN_PARAMETERS = ["grant_type", "code", "refresh_token", "client_id", "client_secret", "scope", "redirect_uri", "code_verifier", "token", "token_type_hint"];

/** a raw form body: known names with nasty values, sometimes repeated, sometimes not encoded at all */
const rawForm = fc.oneof(
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...TOKEN_PARAMETERS), fc.string({ maxLength: 10 })), nasty), { maxLength: 6 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, "x"))}`).join("&")),
  fc.array(fc.tuple(fc.constantFrom(...TOKEN_PARAMETERS), nasty), { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&")),
  fc.string({ unit: "binary", maxLength: 200 }),
);

const contentType = fc.constantFrom(
  "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=ISO-8859-1", "application/json", "text/plain",
  "multipart/form-data; boundary=x", "application/x-www-form-urlencoded;;;", undefined,
);

for (const target of targets) {
  describe(`OAuth 2 endpoints under fuzzing on ${target.dialect}`, { skip: target.skip }, () => {
    const t = useTestApp(target, { env: { FITGATE_TOKEN_RATE_LIMIT_PER_CLIENT: "0", FITGATE_TOKEN_RATE_LIMIT_PER_ADDRESS: "0" } });
    let clientId = "";
    let clientSecret = "";
    before(async () => {
      const { client, secrets } = await createTestClient(t.deps, { cidrs: [] });
      clientId = client.id;
      clientSecret = secrets?.clientSecret ?? "";
    });

    const authorization = fc.oneof(
      fc.constant(undefined),
      fc.constant("real"),
      nasty.map((v) => `Basic ${Buffer.from(v, "latin1").toString("base64")}`),
      fc.tuple(nasty, nasty).map(([id, secret]) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`),
      nasty.map((v) => `Basic ${v}`),
      nasty,
    );
    const headersOf = (auth: string | undefined, type: string | undefined, apiKey: string | undefined) => ({
      ...(auth === undefined ? {} : { authorization: auth === "real" ? basic(clientId, clientSecret) : auth.replace(/[^\t\x20-\x7e]/g, "") }),
      ...(type === undefined ? {} : { "content-type": type }),
      ...(apiKey === undefined ? {} : { "api-key": apiKey.replace(/[^\t\x20-\x7e]/g, "") }),
    });

    /** a well-formed request from the real client, one or two parameters replaced by nasty values */
    const nearlyValidForm = fc.record({
      grant_type: fc.oneof(fc.constantFrom("authorization_code", "refresh_token", "client_credentials"), nasty),
      extra: fc.array(fc.tuple(fc.constantFrom(...TOKEN_PARAMETERS.filter((n) => n !== "grant_type")), nasty), { maxLength: 3 }),
      repeat: fc.boolean(),
    }).map(({ grant_type, extra, repeat }) => {
      const form = new URLSearchParams({ grant_type });
      for (const [name, value] of extra) form.append(name, value.replace(/[\uD800-\uDFFF]/g, "x"));
      if (repeat && extra[0] !== undefined) form.append(extra[0][0], "again");
      return form.toString();
    });

    for (const endpoint of ["/oauth2/token", "/oauth2/revoke", "/oauth2/introspect"]) {
      it(`${endpoint} answers the real client's nearly valid forms without a 5xx, errors in RFC 6749 §5.2 shape`, async () => {
        await fc.assert(fc.asyncProperty(nearlyValidForm, fc.boolean(), async (body, inBody) => {
          const form = inBody ? `${body}&client_id=${clientId}&client_secret=${clientSecret}` : body;
          const headers = inBody ? { "content-type": "application/x-www-form-urlencoded" } : headersOf("real", "application/x-www-form-urlencoded", undefined);
          assertOAuth2Answer(await t.app.inject({ method: "POST", url: endpoint, payload: form, headers }));
        }), { numRuns: RUNS });
      });

      it(`${endpoint} answers any form, header and body with a client error in RFC 6749 §5.2 shape`, async () => {
        await fc.assert(fc.asyncProperty(rawForm, authorization, contentType, fc.option(nasty, { nil: undefined }), async (body, auth, type, apiKey) => {
          const response = await t.app.inject({ method: "POST", url: endpoint, payload: body, headers: headersOf(auth, type, apiKey) });
          assertOAuth2Answer(response);
        }), { numRuns: RUNS });
      });

      it(`${endpoint} answers JSON of any shape (arrays, objects, numbers) with invalid_request`, async () => {
        await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (value) => {
          const response = await t.app.inject({ method: "POST", url: endpoint, payload: JSON.stringify(value), headers: { authorization: basic(clientId, clientSecret), "content-type": "application/json" } });
          assertOAuth2Answer(response);
          assert.equal(response.json().error, "invalid_request");
        }), { numRuns: Math.ceil(RUNS / 3) });
      });
    }

    it("the token endpoint refuses a real code with any other parameter values without a 5xx", async () => {
      const { page } = await loggedInPageClient(t);
      await fc.assert(fc.asyncProperty(
        fc.record({ redirect_uri: fc.option(nasty, { nil: undefined }), code_verifier: fc.option(nasty, { nil: undefined }), scope: fc.option(nasty, { nil: undefined }) }),
        async (extra) => {
          const pkce = createPkce();
          const code = await obtainCode(page, { client_id: clientId, scope: "profile", code_challenge: pkce.challenge, code_challenge_method: "S256" });
          const fields: Record<string, string> = { grant_type: "authorization_code", code };
          for (const [name, value] of Object.entries(extra)) if (value !== undefined) fields[name] = value.replace(/[\uD800-\uDFFF]/g, "x");
          const response = await t.app.inject({
            method: "POST", url: "/oauth2/token", payload: new URLSearchParams(fields).toString(),
            headers: { authorization: basic(clientId, clientSecret), "content-type": "application/x-www-form-urlencoded" },
          });
          assertOAuth2Answer(response);
        }), { numRuns: Math.ceil(RUNS / 4) });
    });

    it("the authorization endpoint never answers 5xx and redirects only to the registered redirect URI", async () => {
      const { page } = await loggedInPageClient(t);
      const names = ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "prompt", "decision", "csrf_token"];
      const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 8 })), fc.oneof(nasty, fc.constant("code"), fc.constant("real-client"))), { maxLength: 8 })
        .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v === "real-client" ? clientId : encodeURIComponent(v.slice(0, 2000).replace(/[\uD800-\uDFFF]/g, "x"))}`).join("&"));
      const rawQuery = fc.string({ maxLength: 100 }).map((q) => q.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c.replace(/[\uD800-\uDFFF]/g, "x"))).replace(/#/g, "%23"));
      const nearlyValid = fc.tuple(fc.constantFrom("code", "token", ""), fc.constantFrom(REDIRECT_URI, `${REDIRECT_URI}/`, ""), query)
        .map(([type, redirectUri, rest]) => `response_type=${type}&client_id=${clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&${rest}`);
      await fc.assert(fc.asyncProperty(fc.oneof(query, rawQuery, nearlyValid), fc.boolean(), async (q, loggedIn) => {
        const url = `/oauth2/authorize?${q}`;
        const response = loggedIn ? await page.get(url) : await t.app.inject({ method: "GET", url });
        assert.ok(response.statusCode < 500, `${url} → ${response.statusCode}`);
        if (response.statusCode === 302) {
          const location = new URL(String(response.headers.location));
          assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI, `${url} redirected to ${location.href}`);
          assert.equal(location.searchParams.get("iss"), "http://localhost:8080");
          assert.match(location.searchParams.get("error_description") ?? "", /^[\x20\x21\x23-\x5B\x5D-\x7E]*$/, "§4.1.2.1: error_description characters");
        }
      }), { numRuns: RUNS });
    });

    it("the consent form's POST, with a valid CSRF token and any other fields, never answers 5xx nor redirects elsewhere", async () => {
      const { user, page } = await loggedInPageClient(t);
      const consent = await page.get(`/oauth2/authorize?${new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: REDIRECT_URI, scope: "profile", prompt: "consent" })}`);
      const fields = consentFormFields(consent.body);
      const names = ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "decision", "consent_for"];
      await fc.assert(fc.asyncProperty(fc.dictionary(fc.constantFrom(...names), fc.oneof(nasty, fc.constantFrom("allow", "deny", user.id))), async (changes) => {
        const form: Record<string, string> = { ...fields };
        for (const [name, value] of Object.entries(changes)) form[name] = value.replace(/[\uD800-\uDFFF]/g, "x");
        const response = await page.post("/oauth2/authorize", form);
        assert.ok(response.statusCode < 500, `${JSON.stringify(changes)} → ${response.statusCode}`);
        if (response.statusCode === 303 && !String(response.headers.location).startsWith("/")) {
          const location = new URL(String(response.headers.location));
          assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI, `redirected to ${location.href}`);
        }
      }), { numRuns: Math.ceil(RUNS / 2) });
    });

    it("a Bearer-protected API call answers any Authorization header without a 5xx", async () => {
      await fc.assert(fc.asyncProperty(fc.oneof(nasty.map((v) => `Bearer ${v}`), nasty), async (header) => {
        const response = await t.app.inject({ method: "GET", url: "/rest/server.api?method=foods.search&search_expression=egg&format=json", headers: { authorization: header.replace(/[^\t\x20-\x7e]/g, "") } });
        assert.ok(response.statusCode < 500, `${JSON.stringify(header)} → ${response.statusCode} ${response.body}`);
      }), { numRuns: RUNS });
    });
  });
}
