// The person's side of OAuth 2 in real Chromium: log in, read the consent page, Allow or Deny,
// and later revoke the app on the connected-apps page — after which its refresh token fails
// and its access token is refused by the API.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Page } from "playwright-core";
import { createTestClient, createTestUser } from "../helpers/app.ts";
import { answerConsent, browserSkipReason, logInInChromium, useBrowser } from "../helpers/browser.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { basic, createPkce } from "../helpers/oauth2-flow.ts";
import { useTestServer } from "../helpers/suite.ts";
import { useCallbackServer } from "../helpers/callback-server.ts";

const [sqlite] = await databaseTargets();
const skip = browserSkipReason() || (sqlite?.skip ?? "no database");

describe("OAuth 2 consent and connected apps in Chromium", { skip }, () => {
  const server = useTestServer(sqlite!);
  const browser = useBrowser();
  const callbackApp = useCallbackServer();

  async function startAuthorization(page: Page, clientId: string, challenge: string) {
    const user = await createTestUser(server.deps);
    const query = new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: callbackApp.url, scope: "profile diary:read", state: "s-1", code_challenge: challenge, code_challenge_method: "S256" });
    await logInInChromium(page, `${server.url}/oauth2/authorize?${query}`, user);
    return user;
  }

  const token = (fields: Record<string, string>, auth: string) => fetch(`${server.url}/oauth2/token`, {
    method: "POST", headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields),
  });

  it("login, consent naming the app and its access in plain words, Allow, then Revoke on the connected-apps page", { timeout: 60_000 }, async () => {
    const { client, secrets } = await createTestClient(server.deps, { name: "Run Tracker", redirectUris: [callbackApp.url] });
    const auth = basic(client.id, secrets?.clientSecret ?? "");
    const pkce = createPkce();
    const page = await browser().newPage();
    await startAuthorization(page, client.id, pkce.challenge);
    assert.equal(await page.locator("#client-name").textContent(), "Run Tracker");
    assert.deepEqual(await page.locator("li[data-scope]").allTextContents(), ["See your fitgate profile (your user id and email address)", "See the foods you logged in your food diary"]);
    await answerConsent(page, "Allow", callbackApp.url);
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
    const { client } = await createTestClient(server.deps, { name: "Nosy App", redirectUris: [callbackApp.url] });
    const page = await browser().newPage();
    await startAuthorization(page, client.id, createPkce().challenge);
    await answerConsent(page, "Deny", callbackApp.url);
    const callback = new URL(page.url());
    assert.equal(callback.searchParams.get("error"), "access_denied");
    assert.equal(callback.searchParams.get("state"), "s-1");
    assert.equal(callback.searchParams.get("code"), null);
    await page.goto(`${server.url}/account/apps`);
    assert.equal(await page.locator("li.connected-app", { hasText: "Nosy App" }).count(), 0);
  });
});
