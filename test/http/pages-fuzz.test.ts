// Property tests (fast-check, bounded runs) against every page form through app.inject: whatever
// the fields, their encoding, the content type or the id in the path, the answer is never a 5xx,
// and it is an HTML page or a redirect inside fitgate. On SQLite and PostgreSQL.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import fc from "fast-check";
import type { LightMyRequestResponse } from "fastify";
import { databaseTargets } from "../helpers/databases.ts";
import { createPageClient, loggedInPageClient } from "../helpers/pages.ts";
import { useTestApp } from "../helpers/suite.ts";

const RUNS = Number(process.env.FITGATE_FUZZ_RUNS ?? 60);
const targets = await databaseTargets();

function assertPageAnswer(response: LightMyRequestResponse): void {
  assert.ok(response.statusCode < 500, `${response.statusCode} ${response.body.slice(0, 300)}`);
  if (response.statusCode >= 300 && response.statusCode < 400) {
    assert.match(String(response.headers.location), /^\/(?![/\\])/, "redirects stay on fitgate");
    return;
  }
  assert.match(String(response.headers["content-type"]), /^text\/html/);
  assert.match(response.body, /^<!doctype html>/i);
  assert.match(String(response.headers["content-security-policy"]), /frame-ancestors 'none'/);
}

/** strings that have broken parsers before: empty, huge, NUL, lone surrogates, bad %-escapes, URL-ish */
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "%", "%zz", "%C0%80", "%00", "\u0000", "\uD800", "a".repeat(5_000), "x".repeat(300),
    "on", "public", "confidential", "basic", "premier", "profile", "diary:read", "https://a.example/cb", "http://127.0.0.1:1/cb",
    "http://[::1", "javascript:alert(1)", "10.0.0.0/8", "2001:db8::/129", "::/0", "/.//evil.example", "<script>alert(1)</script>",
    "a@b.co", "\r\nLocation: //evil"),
);

const PAGE_FIELDS = [
  "email", "password", "return_to", "name", "description", "website", "type", "redirect_uris", "callback_urls",
  "scopes", "default_scopes", "cidrs", "refresh_rotation", "may_introspect",
];

const clean = (value: string) => value.replace(/[\uD800-\uDFFF]/g, "x");

/** known and unknown names with nasty values, sometimes repeated, sometimes not %-encoded at all */
const fieldPairs = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PAGE_FIELDS), fc.string({ maxLength: 8 })), nasty), { maxLength: 8 });

const rawBody = (token: fc.Arbitrary<string | null>) => fc.oneof(
  fc.tuple(token, fieldPairs).map(([csrf, pairs]) => [...(csrf === null ? [] : [["csrf_token", csrf] as const]), ...pairs]
    .map(([k, v]) => `${encodeURIComponent(clean(k))}=${encodeURIComponent(clean(v))}`).join("&")),
  fc.tuple(token, fieldPairs).map(([csrf, pairs]) => [`csrf_token=${csrf ?? ""}`, ...pairs.map(([k, v]) => `${k}=${v}`)].join("&")),
  fc.string({ unit: "binary", maxLength: 200 }),
);

const contentType = fc.constantFrom(
  "application/x-www-form-urlencoded", "application/x-www-form-urlencoded", "application/x-www-form-urlencoded", "application/json",
  "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded;;;", undefined,
);

for (const target of targets) {
  describe(`page forms under fuzzing on ${target.dialect}`, { skip: target.skip }, () => {
    const t = useTestApp(target);
    let cookie = "";
    let token = "";
    let appId = "";

    before(async () => {
      const { user, page } = await loggedInPageClient(t);
      const created = await page.submit("/developer/apps/new", "/developer/apps", {
        name: "Fuzzed app", type: "confidential", scopes: "basic", redirect_uris: "https://a.example/cb",
      });
      appId = String(created.headers.location).split("/").at(-1) ?? "";
      assert.ok(appId, "the fuzzed application exists");
      token = /name="csrf_token" value="([^"]+)"/.exec((await page.get("/developer")).body)?.[1] ?? "";
      cookie = [...page.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
      assert.ok(user.email && token && cookie);
    });

    const validOrNot = () => fc.oneof(fc.constant(token), fc.constant(token), nasty, fc.constant(null));

    it("answers every logged-in portal form with a page or a redirect, never a 5xx", async () => {
      const action = fc.oneof(
        fc.constant(() => "/developer/apps"),
        fc.constant(() => `/developer/apps/${appId}`),
        fc.constant(() => `/developer/apps/${appId}/rotate-secret`),
        nasty.map((id) => () => `/developer/apps/${encodeURIComponent(clean(id)) || "x"}`),
        nasty.map((id) => () => `/developer/apps/${encodeURIComponent(clean(id)) || "x"}/delete`),
      );
      await fc.assert(fc.asyncProperty(action, fc.constant(null).chain(() => rawBody(validOrNot())), contentType, async (path, payload, type) => {
        const response = await t.app.inject({
          method: "POST", url: path(), payload,
          headers: { cookie, ...(type === undefined ? {} : { "content-type": type }) },
        });
        assertPageAnswer(response);
      }), { numRuns: RUNS });
    });

    it("answers the logged-out forms (login, sign-up, logout) and page queries, never a 5xx", async () => {
      const visitor = createPageClient(t.app);
      const visitorToken = /name="csrf_token" value="([^"]+)"/.exec((await visitor.get("/login")).body)?.[1] ?? "";
      const visitorCookie = [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
      const action = fc.constantFrom("/login", "/signup", "/logout");
      const body = rawBody(fc.oneof(fc.constant(visitorToken), fc.constant(visitorToken), nasty, fc.constant(null)));
      await fc.assert(fc.asyncProperty(action, body, contentType, fc.nat(), async (path, payload, type, n) => {
        const response = await t.app.inject({
          method: "POST", url: path, payload, remoteAddress: `10.9.${(n >> 8) & 255}.${n & 255}`,
          headers: { cookie: visitorCookie, ...(type === undefined ? {} : { "content-type": type }) },
        });
        assertPageAnswer(response);
      }), { numRuns: RUNS });

      const page = fc.constantFrom("/", "/login", "/signup", "/developer", "/developer/apps/new", `/developer/apps/${appId}`);
      const query = fc.array(fc.tuple(fc.constantFrom("return_to", "saved", "deleted", "x"), nasty), { maxLength: 3 })
        .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(clean(v))}`).join("&"));
      await fc.assert(fc.asyncProperty(page, query, fc.boolean(), async (path, search, loggedIn) => {
        const response = await t.app.inject({ method: "GET", url: `${path}?${search}`, headers: { cookie: loggedIn ? cookie : visitorCookie } });
        assertPageAnswer(response);
      }), { numRuns: RUNS });
    });
  });
}
