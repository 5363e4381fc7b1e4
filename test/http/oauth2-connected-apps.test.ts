// /account/apps through app.inject: the list and the Revoke button, on both databases.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findGrantById, upsertGrant } from "../../src/store/kysely/grants.ts";
import { createTestApp, createTestClient, createTestUser, type TestApp } from "../helpers/app.ts";
import { databaseTargets, type TestDatabase } from "../helpers/databases.ts";
import { createPageClient } from "../helpers/pages.ts";

const targets = await databaseTargets();

for (const target of targets) {
  describe(`connected apps on ${target.dialect}`, { skip: target.skip }, () => {
    let database: TestDatabase;
    let t: TestApp;
    before(async () => {
      database = await target.open();
      t = await createTestApp(database);
    });
    after(async () => {
      await t?.close();
      await database?.close();
    });

    async function loggedIn() {
      const user = await createTestUser(t.deps);
      const page = createPageClient(t.app);
      const login = await page.submit("/login", "/login", { email: user.email, password: user.password });
      assert.equal(login.statusCode, 303);
      return { user, page };
    }

    it("asks for a login first", async () => {
      const response = await t.app.inject({ method: "GET", url: "/account/apps" });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, "/login?return_to=%2Faccount%2Fapps");
    });

    it("lists each app with a grant, and Revoke ends that grant only", async () => {
      const { user, page } = await loggedIn();
      const { client: diaryApp } = await createTestClient(t.deps, { name: "Diary <b>app</b>" });
      const { client: otherApp } = await createTestClient(t.deps, { name: "Other app" });
      const grant = await upsertGrant(t.deps.db, user.id, diaryApp.id, ["diary:read"], t.deps.now());
      const kept = await upsertGrant(t.deps.db, user.id, otherApp.id, ["profile"], t.deps.now());
      const list = await page.get("/account/apps");
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Diary &lt;b&gt;app&lt;\/b&gt;/);
      assert.match(list.body, /See the foods you logged in your food diary/);

      const revoked = await page.submit("/account/apps", `/account/apps/${grant.id}/revoke`, {});
      assert.equal(revoked.statusCode, 303);
      assert.equal((await findGrantById(t.deps.db, grant.id))?.revokedAt instanceof Date, true);
      assert.equal((await findGrantById(t.deps.db, kept.id))?.revokedAt, null);
      const after = await page.get(revoked.headers.location as string);
      assert.match(after.body, /no longer has access/);
      assert.doesNotMatch(after.body, /See the foods you logged/);
    });

    it("cannot revoke another person's grant, nor without the CSRF token", async () => {
      const { page } = await loggedIn();
      const stranger = await createTestUser(t.deps);
      const { client } = await createTestClient(t.deps);
      const grant = await upsertGrant(t.deps.db, stranger.id, client.id, ["profile"], t.deps.now());
      await page.submit("/account/apps", `/account/apps/${grant.id}/revoke`, {});
      assert.equal((await findGrantById(t.deps.db, grant.id))?.revokedAt, null);
      const noCsrf = await page.post(`/account/apps/${grant.id}/revoke`, {});
      assert.equal(noCsrf.statusCode, 403);
      const badId = await page.submit("/account/apps", "/account/apps/not-a-grant/revoke", {});
      assert.equal(badId.statusCode, 303);
    });
  });
}
