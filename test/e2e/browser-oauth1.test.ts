// The person's side of OAuth 1.0a in real Chromium: login, the shared consent page, the oob page
// with the verifier in <output id="verifier">, a denial, and revoking the app on the
// connected-apps page — after which its access token stops working.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { createTestUser, startTestServer, type TestApp } from "../helpers/app.ts";
import { browserSkipReason, launchBrowser } from "../helpers/browser.ts";
import { databaseTargets, type TestDatabase } from "../helpers/databases.ts";
import { createConsumer, exchange, getRequestToken, parseForm, signedRequest, type Consumer } from "../oauth1/oauth1-helpers.ts";

const [sqlite] = await databaseTargets();
const skip = browserSkipReason() || (sqlite?.skip ?? "no database");

describe("OAuth 1.0a authorization in Chromium", { skip }, () => {
  let database: TestDatabase;
  let server: TestApp & { url: string };
  let browser: Browser;
  let page: Page;
  let consumer: Consumer;
  let issuer: string;
  before(async () => {
    database = await (sqlite?.open() ?? Promise.reject(new Error("no sqlite target")));
    server = await startTestServer(database);
    issuer = server.url;
    browser = await launchBrowser();
    page = await browser.newPage();
    consumer = await createConsumer(server);
    const user = await createTestUser(server.deps);
    await page.goto(`${server.url}/login`);
    await page.getByLabel(/email/i).fill(user.email);
    await page.getByLabel(/password/i).fill(user.password);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: /log in/i }).click()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  it("shows the verifier on the oob page, and the app exchanges it for an access token that the user can revoke", async () => {
    const requestToken = await getRequestToken(server.app, consumer, "oob", issuer);
    await page.goto(`${server.url}/oauth/authorize?oauth_token=${requestToken.key}`);
    assert.equal(await page.locator("#client-name").first().innerText(), "Test app");
    assert.ok(await page.getByText("See the foods you logged in your food diary").isVisible());
    await page.getByRole("button", { name: "Allow" }).click();
    const verifier = (await page.locator("output#verifier").innerText()).trim();
    assert.match(verifier, /^[0-9a-f]{20}$/);
    assert.match(await page.locator("main").innerText(), /oauth_verifier/);

    const access = await exchange(server.app, consumer, requestToken, verifier, issuer);
    assert.equal(access.statusCode, 200, access.body);
    const form = parseForm(access);
    const accessToken = { key: form.oauth_token ?? "", secret: form.oauth_token_secret ?? "" };
    const revokeCheck = () => server.app.inject(signedRequest({ consumer, token: accessToken, path: "/oauth/revoke", signedUrl: `${issuer}/oauth/revoke` }));

    await page.goto(`${server.url}/account/apps`);
    await page.getByRole("button", { name: "Revoke Test app" }).click();
    await page.getByRole("status").waitFor();
    const refused = await revokeCheck();
    assert.equal(refused.statusCode, 401);
    assert.equal(parseForm(refused).oauth_problem, "token_rejected");
  });

  it("tells the person they denied access on the oob flow, and the link cannot be used again", async () => {
    const requestToken = await getRequestToken(server.app, consumer, "oob", issuer);
    await page.goto(`${server.url}/oauth/authorize?oauth_token=${requestToken.key}`);
    await page.getByRole("button", { name: "Deny" }).click();
    assert.match(await page.getByRole("heading", { level: 1 }).innerText(), /You denied/);
    const again = await page.goto(`${server.url}/oauth/authorize?oauth_token=${requestToken.key}`);
    assert.equal(again?.status(), 400);
    assert.match(await page.getByRole("heading", { level: 1 }).innerText(), /not valid/);
  });
});
