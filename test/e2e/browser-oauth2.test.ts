// The person's side of OAuth 2 in real Chromium: log in, read the consent page, Allow or Deny,
// and later revoke the app on the connected-apps page — after which its refresh token fails
// and its access token is refused by the API.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { createTestClient, createTestUser, freePort, startTestServer, type TestApp } from "../helpers/app.ts";
import { browserSkipReason, launchBrowser } from "../helpers/browser.ts";
import { databaseTargets, type TestDatabase } from "../helpers/databases.ts";
import { basic, createPkce } from "../helpers/oauth2-flow.ts";

const [sqlite] = await databaseTargets();
const skip = browserSkipReason() || (sqlite?.skip ?? "no database");

describe("OAuth 2 consent and connected apps in Chromium", { skip }, () => {
  let database: TestDatabase;
  let server: TestApp & { url: string };
  let browser: Browser;
  let callbackServer: Server;
  let redirectUri: string;
  before(async () => {
    const port = await freePort();
    redirectUri = `http://127.0.0.1:${port}/callback`;
    callbackServer = createServer((_request, response) => response.writeHead(200, { "content-type": "text/html" }).end("<p>Back at the app</p>"));
    await new Promise<void>((resolve) => callbackServer.listen(port, "127.0.0.1", resolve));
    database = await (sqlite?.open() ?? Promise.reject(new Error("no sqlite target")));
    server = await startTestServer(database);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => callbackServer?.close(resolve));
    await server?.close();
    await database?.close();
  });

  async function startAuthorization(page: Page, clientId: string, challenge: string) {
    const user = await createTestUser(server.deps);
    const query = new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: redirectUri, scope: "profile diary:read", state: "s-1", code_challenge: challenge, code_challenge_method: "S256" });
    await page.goto(`${server.url}/oauth2/authorize?${query}`);
    await page.getByLabel(/email/i).fill(user.email);
    await page.getByLabel(/password/i).fill(user.password);
    await Promise.all([page.waitForURL(/\/oauth2\/authorize/), page.getByRole("button", { name: /log in/i }).click()]);
    return user;
  }

  const token = (fields: Record<string, string>, auth: string) => fetch(`${server.url}/oauth2/token`, {
    method: "POST", headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields),
  });

  it("login, consent naming the app and its access in plain words, Allow, then Revoke on the connected-apps page", { timeout: 60_000 }, async () => {
    const { client, secrets } = await createTestClient(server.deps, { name: "Run Tracker", redirectUris: [redirectUri] });
    const auth = basic(client.id, secrets?.clientSecret ?? "");
    const pkce = createPkce();
    const page = await browser.newPage();
    await startAuthorization(page, client.id, pkce.challenge);
    assert.equal(await page.locator("#client-name").textContent(), "Run Tracker");
    assert.deepEqual(await page.locator("li[data-scope]").allTextContents(), ["See your fitgate profile (your user id and email address)", "See the foods you logged in your food diary"]);
    await Promise.all([page.waitForURL(`${redirectUri}**`), page.getByRole("button", { name: "Allow" }).click()]);
    const callback = new URL(page.url());
    assert.equal(callback.searchParams.get("state"), "s-1");
    assert.equal(callback.searchParams.get("iss"), server.url);
    const tokens = await (await token({ grant_type: "authorization_code", code: callback.searchParams.get("code") ?? "", code_verifier: pkce.verifier }, auth)).json();
    const api = () => fetch(`${server.url}/api/v1/profile`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal((await api()).status, 200);

    await page.goto(`${server.url}/account/apps`);
    const app = page.locator("li.connected-app", { hasText: "Run Tracker" });
    assert.match(await app.textContent() ?? "", /See the foods you logged in your food diary/);
    assert.match(await app.textContent() ?? "", /last used\s+\d{4}-/);
    await Promise.all([page.waitForURL(/\/account\/apps\?revoked=/), app.getByRole("button", { name: "Revoke" }).click()]);
    assert.match(await page.getByRole("status").textContent() ?? "", /Run Tracker no longer has access/);
    assert.equal(await page.locator("li.connected-app", { hasText: "Run Tracker" }).count(), 0);

    const refresh = await token({ grant_type: "refresh_token", refresh_token: tokens.refresh_token }, auth);
    assert.equal(refresh.status, 400);
    assert.equal((await refresh.json()).error, "invalid_grant");
    const refused = await api();
    assert.equal(refused.status, 401);
    assert.match(refused.headers.get("www-authenticate") ?? "", /invalid_token/);
  });

  it("Deny sends the person back to the app with access_denied and no code", { timeout: 60_000 }, async () => {
    const { client } = await createTestClient(server.deps, { name: "Nosy App", redirectUris: [redirectUri] });
    const page = await browser.newPage();
    await startAuthorization(page, client.id, createPkce().challenge);
    await Promise.all([page.waitForURL(`${redirectUri}**`), page.getByRole("button", { name: "Deny" }).click()]);
    const callback = new URL(page.url());
    assert.equal(callback.searchParams.get("error"), "access_denied");
    assert.equal(callback.searchParams.get("state"), "s-1");
    assert.equal(callback.searchParams.get("code"), null);
    await page.goto(`${server.url}/account/apps`);
    assert.equal(await page.locator("li.connected-app", { hasText: "Nosy App" }).count(), 0);
  });
});
