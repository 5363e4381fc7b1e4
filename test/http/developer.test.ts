// The developer portal through real HTTP handling (app.inject), on both databases.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sha256Hex } from "../../src/security/random.ts";
import { findClientById } from "../../src/store/kysely/clients.ts";
import { upsertGrant } from "../../src/store/kysely/grants.ts";
import { createTestUser, startTestServer } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { loggedInPageClient, type PageClient } from "../helpers/pages.ts";
import { useTestApp } from "../helpers/suite.ts";
import { rawRequest, sendRawHttp } from "../helpers/raw-http.ts";

const targets = await databaseTargets();

const validApp = {
  name: "Calorie Counter",
  description: "Counts calories",
  website: "https://counter.example",
  type: "confidential",
  redirect_uris: "https://counter.example/callback\nhttp://localhost:12345/callback",
  callback_urls: "https://counter.example/oauth1",
  scopes: ["basic", "diary:read", "diary:write"],
  cidrs: "203.0.113.0/24\n2001:db8::/32",
};

for (const target of targets) {
  describe(`developer portal on ${target.dialect}`, { skip: target.skip }, () => {
    const t = useTestApp(target);

    const loggedIn = async (): Promise<PageClient> => (await loggedInPageClient(t)).page;

    const secretsOn = (body: string) => ({
      clientSecret: /id="client-secret">([^<]+)</.exec(body)?.[1] ?? null,
      consumerSecret: /id="consumer-secret">([^<]+)</.exec(body)?.[1] ?? null,
    });

    it("sends a visitor who is not logged in to the login page and back", async () => {
      const response = await t.app.inject({ url: "/developer/apps/new" });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, "/login?return_to=%2Fdeveloper%2Fapps%2Fnew");
    });

    it("keeps only the path in return_to when the request target is in absolute form", async () => {
      // app.inject normalises the target, so this goes over a real socket (RFC 9112 §3.2.2)
      const server = await startTestServer(t.database);
      try {
        const response = await sendRawHttp(server.url, rawRequest(server.url, "GET", "http://elsewhere.example/developer/apps/new?x=1", { headers: { Host: "elsewhere.example" } }));
        assert.equal(response.status, 303);
        assert.equal(response.header("location"), "/login?return_to=%2Fdeveloper%2Fapps%2Fnew%3Fx%3D1");
      } finally {
        await server.close();
      }
    });

    it("registers an app and shows its secrets exactly once", async () => {
      const browser = await loggedIn();
      const created = await browser.submit("/developer/apps/new", "/developer/apps", validApp);
      assert.equal(created.statusCode, 303);
      const location = created.headers.location as string;
      const clientId = location.split("/").pop() ?? "";
      const first = await browser.get(location);
      assert.equal(first.statusCode, 200);
      const secrets = secretsOn(first.body);
      assert.ok(secrets.clientSecret && secrets.consumerSecret);
      const client = await findClientById(t.database.db, clientId);
      assert.equal(client?.secretHash, sha256Hex(secrets.clientSecret));
      assert.equal(t.deps.box.open(client?.consumerSecretSealed ?? ""), secrets.consumerSecret);
      assert.deepEqual(client?.cidrs, ["203.0.113.0/24", "2001:db8::/32"]);
      assert.deepEqual(client?.redirectUris, ["https://counter.example/callback", "http://localhost:12345/callback"]);

      const second = await browser.get(location);
      assert.equal(second.statusCode, 200);
      assert.deepEqual(secretsOn(second.body), { clientSecret: null, consumerSecret: null });
      assert.ok(!second.body.includes(secrets.clientSecret));
      assert.ok(second.body.includes(clientId), "the client id stays visible");
    });

    it("keeps the new secrets for their own app's page: a HEAD or another app's page does not use them up", async () => {
      const browser = await loggedIn();
      const other = String((await browser.submit("/developer/apps/new", "/developer/apps", { ...validApp, name: "Other" })).headers.location);
      await browser.get(other);
      const created = await browser.submit("/developer/apps/new", "/developer/apps", validApp);
      const location = String(created.headers.location);
      assert.equal((await browser.get(other)).statusCode, 200);
      const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
      assert.equal((await t.app.inject({ method: "HEAD", url: location, headers: { cookie } })).statusCode, 200);
      const page = await browser.get(location);
      assert.ok(secretsOn(page.body).clientSecret, "the secrets are still shown on the app's own page");
      assert.equal(secretsOn((await browser.get(location)).body).clientSecret, null, "and only once");
    });

    const badFields: [string, Record<string, string | string[]>, string][] = [
      ["no name", { name: "" }, "name"],
      ["a relative redirect URI", { redirect_uris: "/callback" }, "redirect_uris"],
      ["plain http off loopback", { redirect_uris: "http://counter.example/cb" }, "redirect_uris"],
      ["a bad callback URL", { callback_urls: "not a url" }, "callback_urls"],
      ["a bad CIDR", { cidrs: "10.0.0.0/99" }, "cidrs"],
      ["an unknown scope", { scopes: ["basic", "root"] }, "scopes"],
      ["no scope", { scopes: [] }, "scopes"],
      ["an unknown type", { type: "internal" }, "type"],
    ];
    for (const [what, override, field] of badFields) {
      it(`refuses ${what} with a message next to ${field}, writing nothing`, async () => {
        const browser = await loggedIn();
        const before = await t.database.db.selectFrom("clients").select(({ fn }) => fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
        const response = await browser.submit("/developer/apps/new", "/developer/apps", { ...validApp, ...override });
        assert.equal(response.statusCode, 400);
        assert.match(response.body, new RegExp(`id="${field}-error" role="alert"`));
        const after = await t.database.db.selectFrom("clients").select(({ fn }) => fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
        assert.equal(Number(after.n), Number(before.n));
      });
    }

    it("edits an app's settings", async () => {
      const browser = await loggedIn();
      const created = await browser.submit("/developer/apps/new", "/developer/apps", validApp);
      const location = created.headers.location as string;
      const saved = await browser.submit(location, location, { ...validApp, name: "Renamed", scopes: ["basic"], refresh_rotation: "on" });
      assert.equal(saved.statusCode, 303);
      const client = await findClientById(t.database.db, location.split("/").pop() ?? "");
      assert.equal(client?.name, "Renamed");
      assert.deepEqual(client?.scopes, ["basic"]);
      assert.equal(client?.refreshRotation, true);
    });

    it("rotates secrets: new ones shown once, the old ones no longer match", async () => {
      const browser = await loggedIn();
      const created = await browser.submit("/developer/apps/new", "/developer/apps", validApp);
      const location = created.headers.location as string;
      const original = secretsOn((await browser.get(location)).body);
      const rotated = await browser.submit(location, `${location}/rotate-secret`, {});
      assert.equal(rotated.statusCode, 303);
      const fresh = secretsOn((await browser.get(location)).body);
      assert.ok(fresh.clientSecret && original.clientSecret);
      assert.notEqual(fresh.clientSecret, original.clientSecret);
      const client = await findClientById(t.database.db, location.split("/").pop() ?? "");
      assert.equal(client?.secretHash, sha256Hex(fresh.clientSecret));
    });

    it("deletes an app and every grant it had", async () => {
      const browser = await loggedIn();
      const created = await browser.submit("/developer/apps/new", "/developer/apps", validApp);
      const location = created.headers.location as string;
      const clientId = location.split("/").pop() ?? "";
      const user = await createTestUser(t.deps);
      await upsertGrant(t.database.db, user.id, clientId, ["basic"], new Date());
      const deleted = await browser.submit(location, `${location}/delete`, {});
      assert.equal(deleted.statusCode, 303);
      assert.equal(await findClientById(t.database.db, clientId), null);
      assert.deepEqual(await t.database.db.selectFrom("grants").select("id").where("client_id", "=", clientId).execute(), []);
    });

    it("hides other developers' apps as if they did not exist", async () => {
      const owner = await loggedIn();
      const created = await owner.submit("/developer/apps/new", "/developer/apps", validApp);
      const location = created.headers.location as string;
      const stranger = await loggedIn();
      assert.equal((await stranger.get(location)).statusCode, 404);
      assert.equal((await stranger.submit("/developer", `${location}/delete`, {})).statusCode, 404);
      assert.ok(await findClientById(t.database.db, location.split("/").pop() ?? ""));
    });

    it("refuses portal forms without a CSRF token", async () => {
      const browser = await loggedIn();
      const response = await browser.post("/developer/apps", validApp);
      assert.equal(response.statusCode, 403);
    });
  });
}
