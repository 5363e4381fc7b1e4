// /signup, /login, /logout through real HTTP handling (app.inject), on both databases.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LOGIN_LIMITS } from "../../src/http/routes/accounts.ts";
import { createTestUser } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { createPageClient, loggedInPageClient } from "../helpers/pages.ts";
import { useTestApp } from "../helpers/suite.ts";

const targets = await databaseTargets();

for (const target of targets) {
  describe(`accounts on ${target.dialect}`, { skip: target.skip }, () => {
    const t = useTestApp(target);

    it("signs up, lands on the developer portal logged in, and logs out", async () => {
      const browser = createPageClient(t.app);
      const signup = await browser.submit("/signup", "/signup", { email: "Ada@Example.com ", password: "a long passphrase" });
      assert.equal(signup.statusCode, 303);
      assert.equal(signup.headers.location, "/developer");
      const session = signup.cookies.find((c) => c.name === "fitgate_session");
      assert.ok(session);
      assert.equal(session.httpOnly, true);
      assert.equal(session.sameSite, "Lax");
      assert.equal((await browser.get("/developer")).statusCode, 200);
      const stored = await t.database.db.selectFrom("users").selectAll().where("email", "=", "ada@example.com").executeTakeFirstOrThrow();
      assert.match(stored.password_hash, /^\$argon2id\$/);
      const sessions = await t.database.db.selectFrom("sessions").select("id").where("user_id", "=", stored.id).execute();
      assert.equal(sessions.length, 1);
      assert.notEqual(sessions[0]?.id, session.value, "only a hash of the session token is stored");

      const logout = await browser.submit("/developer", "/logout", {});
      assert.equal(logout.statusCode, 303);
      assert.equal((await browser.get("/developer")).statusCode, 303);
      assert.deepEqual(await t.database.db.selectFrom("sessions").select("id").where("user_id", "=", stored.id).execute(), []);
    });

    const badSignups: [string, Record<string, string>][] = [
      ["an empty email", { email: "", password: "a long passphrase" }],
      ["a malformed email", { email: "not-an-email", password: "a long passphrase" }],
      ["a short password", { email: "short@example.com", password: "1234567" }],
      ["a password of 300 characters", { email: "long@example.com", password: "x".repeat(300) }],
    ];
    for (const [what, fields] of badSignups) {
      it(`refuses a sign-up with ${what}, writing nothing`, async () => {
        const response = await createPageClient(t.app).submit("/signup", "/signup", fields);
        assert.equal(response.statusCode, 400);
        assert.match(response.headers["content-type"] as string, /text\/html/);
        const users = await t.database.db.selectFrom("users").select("id").where("email", "=", (fields.email ?? "").toLowerCase()).execute();
        assert.deepEqual(users, []);
      });
    }

    it("answers NUL bytes (which PostgreSQL text cannot hold) with a page, never a 500", async () => {
      const signup = await createPageClient(t.app).submit("/signup", "/signup", { email: "nul\u0000@example.com", password: "a long passphrase" });
      assert.equal(signup.statusCode, 400);
      const login = await createPageClient(t.app).submit("/login", "/login", { email: "nul\u0000@example.com", password: "a long passphrase" });
      assert.equal(login.statusCode, 401);
      const { page } = await loggedInPageClient(t);
      assert.equal((await page.get("/developer/apps/%00")).statusCode, 404);
      const created = await page.submit("/developer/apps/new", "/developer/apps", {
        name: "App\u0000", type: "confidential", scopes: "basic", redirect_uris: "https://a.example/\u0000",
      });
      assert.equal(created.statusCode, 400);
      assert.match(created.body, /control characters/);
    });

    it("refuses a second account with the same email", async () => {
      const user = await createTestUser(t.deps);
      const response = await createPageClient(t.app).submit("/signup", "/signup", { email: user.email.toUpperCase(), password: "another passphrase" });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /already exists/);
    });

    it("answers a wrong email and a wrong password with the same page", async () => {
      const user = await createTestUser(t.deps);
      const wrongPassword = await createPageClient(t.app).submit("/login", "/login", { email: user.email, password: "wrong password" });
      const wrongEmail = await createPageClient(t.app).submit("/login", "/login", { email: "nobody@example.com", password: "wrong password" });
      assert.equal(wrongPassword.statusCode, 401);
      assert.equal(wrongEmail.statusCode, 401);
      const message = (body: string) => /<p class="error" role="alert">([^<]*)<\/p>/.exec(body)?.[1];
      assert.equal(message(wrongPassword.body), message(wrongEmail.body));
      assert.ok(message(wrongPassword.body));
    });

    it("returns to a fitgate page after login, but never to another site", async () => {
      const user = await createTestUser(t.deps);
      const inside = await createPageClient(t.app).submit("/login", "/login", { email: user.email, password: user.password, return_to: "/oauth2/authorize?client_id=x" });
      assert.equal(inside.headers.location, "/oauth2/authorize?client_id=x");
      const outside = await createPageClient(t.app).submit("/login", "/login", { email: user.email, password: user.password, return_to: "//evil.example/" });
      assert.equal(outside.headers.location, "/developer");
      // dot segments the URL parser collapses into "//evil.example", for a person already logged in
      const page = createPageClient(t.app);
      await page.submit("/login", "/login", { email: user.email, password: user.password });
      const loggedIn = await page.get("/login?return_to=%2F.%2F%2Fevil.example%2F");
      assert.equal(loggedIn.headers.location, "/developer");
    });

    it("answers a repeated return_to with the page, not a 500", async () => {
      for (const path of ["/login", "/signup"]) {
        const response = await t.app.inject({ method: "GET", url: `${path}?return_to=/developer&return_to=/x` });
        assert.equal(response.statusCode, 200, `${path}: ${response.statusCode}`);
      }
    });

    it("gives a new session id at login (no session fixation)", async () => {
      const user = await createTestUser(t.deps);
      const browser = createPageClient(t.app);
      await browser.submit("/login", "/login", { email: user.email, password: user.password });
      const first = browser.cookies.get("fitgate_session");
      assert.ok(first);
      // logged in, /login redirects away; the sign-up page still carries a form token
      await browser.submit("/signup", "/login", { email: user.email, password: user.password });
      const second = browser.cookies.get("fitgate_session");
      assert.ok(second);
      assert.notEqual(second, first);
      const stale = createPageClient(t.app);
      stale.cookies.set("fitgate_session", first);
      assert.equal((await stale.get("/developer")).statusCode, 303, "the old session ended");
    });

    it("refuses a form without its CSRF token, or with another visitor's", async () => {
      const user = await createTestUser(t.deps);
      const browser = createPageClient(t.app);
      await browser.get("/login");
      const missing = await browser.post("/login", { email: user.email, password: user.password });
      assert.equal(missing.statusCode, 403);
      assert.equal(browser.cookies.has("fitgate_session"), false);
      const other = createPageClient(t.app);
      const page = await other.get("/login");
      const othersToken = /name="csrf_token" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
      const forged = await browser.post("/login", { csrf_token: othersToken, email: user.email, password: user.password });
      assert.equal(forged.statusCode, 403);
    });

    it("locks an account after repeated failures, even for the right password", async () => {
      const user = await createTestUser(t.deps);
      for (let i = 0; i < LOGIN_LIMITS.failuresPerAccount; i++) {
        const failed = await createPageClient(t.app).submit("/login", "/login", { email: user.email, password: `wrong ${i}` });
        assert.equal(failed.statusCode, 401);
      }
      const locked = await createPageClient(t.app).submit("/login", "/login", { email: user.email, password: user.password });
      assert.equal(locked.statusCode, 429);
      assert.match(locked.body, /Too many failed attempts/);
    });

    it("lets no more than the allowed failures through when guesses arrive in parallel", async () => {
      const user = await createTestUser(t.deps);
      const browser = createPageClient(t.app);
      const token = /name="csrf_token" value="([^"]+)"/.exec((await browser.get("/login")).body)?.[1] ?? "";
      const guesses = await Promise.all(Array.from({ length: 12 }, (_, i) =>
        browser.post("/login", { csrf_token: token, email: user.email, password: `parallel guess ${i}` })));
      const checked = guesses.filter((r) => r.statusCode === 401).length;
      assert.ok(checked <= LOGIN_LIMITS.failuresPerAccount, `${checked} passwords were checked`);
      assert.equal(guesses.filter((r) => r.statusCode === 429).length, 12 - checked);
    });

    it("counts login attempts from one IPv6 /64 together, so rotating addresses does not escape the limit", async () => {
      const browser = createPageClient(t.app);
      const token = /name="csrf_token" value="([^"]+)"/.exec((await browser.get("/login")).body)?.[1] ?? "";
      const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
      const statuses: number[] = [];
      for (let i = 1; i <= LOGIN_LIMITS.attemptsPerAddress + 1; i++) {
        const response = await t.app.inject({
          method: "POST", url: "/login", remoteAddress: `2001:db8:77:1:${i.toString(16)}::1`,
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          payload: new URLSearchParams({ csrf_token: token, email: `rotating${i}@example.com`, password: "a wrong passphrase" }).toString(),
        });
        statuses.push(response.statusCode);
      }
      assert.deepEqual(statuses.slice(0, -1), Array<number>(LOGIN_LIMITS.attemptsPerAddress).fill(401));
      assert.equal(statuses.at(-1), 429);
    });

    it("sends the security headers on login pages", async () => {
      const response = await t.app.inject({ url: "/login" });
      assert.match(response.headers["content-security-policy"] as string, /frame-ancestors 'none'/);
      assert.equal(response.headers["x-frame-options"], "DENY");
      assert.equal(response.headers["referrer-policy"], "no-referrer");
      assert.equal(response.headers["x-content-type-options"], "nosniff");
    });

    it("answers garbage bodies with a page, never a 500", async () => {
      const cases = [
        { "content-type": "application/json", payload: "{not json" },
        { "content-type": "application/x-www-form-urlencoded", payload: "%%%&&&==" },
        { "content-type": "text/plain", payload: "hello" },
        { "content-type": "application/x-www-form-urlencoded", payload: "a=".padEnd(300 * 1024, "x") },
      ];
      for (const { payload, ...headers } of cases) {
        const response = await t.app.inject({ method: "POST", url: "/login", headers, payload });
        assert.ok(response.statusCode >= 400 && response.statusCode < 500, `${headers["content-type"]}: ${response.statusCode}`);
        assert.doesNotMatch(response.body, /at .*\.ts:\d+/);
      }
    });

    it("answers /healthz when the database is ready", async () => {
      const response = await t.app.inject({ url: "/healthz" });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { status: "ok" });
    });
  });
}
