// /account/apps through app.inject: the list and the Revoke button, on both databases.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findGrantById, upsertGrant } from "../../src/store/kysely/grants.ts";
import { createTestClient, createTestUser } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { loggedInPageClient } from "../helpers/pages.ts";
import { useTestApp } from "../helpers/suite.ts";

const targets = await databaseTargets();

for (const target of targets) {
  describe(`connected apps on ${target.dialect}`, { skip: target.skip }, () => {
    const t = useTestApp(target);

    it("asks for a login first", async () => {
      const response = await t.app.inject({ method: "GET", url: "/account/apps" });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, "/login?return_to=%2Faccount%2Fapps");
    });

    it("lists each app with a grant, and Revoke ends that grant only", async () => {
      const { user, page } = await loggedInPageClient(t);
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
      const { page } = await loggedInPageClient(t);
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
