// The person's side of OAuth 1.0a in real Chromium: login, the shared consent page, the oob page
// with the verifier in <output id="verifier">, a denial, and revoking the app on the
// connected-apps page — after which its access token stops working.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { createTestUser } from "../helpers/app.ts";
import { browserSkipReason, logInInChromium, useBrowser } from "../helpers/browser.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { createConsumer, exchange, getRequestToken, parseForm, signedRequest, type Consumer } from "../oauth1/oauth1-helpers.ts";
import { useTestServer } from "../helpers/suite.ts";

const [sqlite] = await databaseTargets();
const skip = browserSkipReason() || (sqlite?.skip ?? "no database");

describe("OAuth 1.0a authorization in Chromium", { skip }, () => {
  const server = useTestServer(sqlite!);
  const browser = useBrowser();
  let page: Page;
  let consumer: Consumer;
  let issuer: string;
  before(async () => {
    issuer = server.url;
    page = await browser().newPage();
    consumer = await createConsumer(server);
    await logInInChromium(page, `${server.url}/login`, await createTestUser(server.deps));
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
