// Seed 001 proof with its own client: the MapMyFitness tutorial's Python (requests-oauthlib's
// OAuth2Session, a real callback server on a free port, fetch_token with the Api-Key header, an
// API call, refresh), with the user's login and Allow done in real Chromium.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { createTestClient, createTestUser, freePort } from "../helpers/app.ts";
import { answerConsent, browserSkipReason, logInInChromium, useBrowser } from "../helpers/browser.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { runPythonScript } from "../helpers/python.ts";
import { pythonSkipReason } from "../helpers/services.ts";
import { useTestServer } from "../helpers/suite.ts";

const SCRIPT = fileURLToPath(new URL("./python-oauth2-demo.py", import.meta.url));

const [sqlite] = await databaseTargets();
const skip = browserSkipReason() || pythonSkipReason() || (sqlite?.skip ?? "no database");

describe("the MapMyFitness tutorial's Python client, the user in Chromium", { skip }, () => {
  const server = useTestServer(sqlite!);
  const browser = useBrowser();

  it("authorizes, exchanges the code with Api-Key, calls the API and refreshes", { timeout: 60_000 }, async () => {
    const user = await createTestUser(server.deps);
    const redirectUri = `http://localhost:${await freePort()}/callback`;
    const { client, secrets } = await createTestClient(server.deps, {
      name: "MapMyFitness demo", redirectUris: [redirectUri], defaultScopes: ["profile", "diary:read"],
    });
    const python = runPythonScript(SCRIPT, [server.url, client.id, secrets?.clientSecret ?? "", redirectUri, "/api/v1/profile"]);
    const next = () => python.next();
    try {
      const start = await next();
      assert.equal(start.step, "authorize");
      const page = await browser().newPage();
      await logInInChromium(page, String(start.url), user);
      assert.equal(await page.locator("#client-name").textContent(), "MapMyFitness demo");
      assert.equal(await page.locator("li[data-scope]").count(), 2, "no scope asked: the app's default scopes, in plain words");
      await answerConsent(page, "Allow", redirectUri);

      const callback = await next();
      assert.equal(callback.state_matches, true);
      assert.equal(callback.iss, server.url);
      const token = await next();
      assert.deepEqual(token.keys, ["access_token", "expires_at", "expires_in", "refresh_token", "scope", "token_type", "user_id"]);
      assert.equal(token.user_id, user.id);
      const api = await next();
      assert.equal(api.status, 200, String(api.body));
      assert.match(String(api.body), new RegExp(user.id));
      const refresh = await next();
      assert.deepEqual(refresh, { step: "refresh", new_access_token: true, has_refresh_token: true, api_status: 200 });
    } finally {
      python.kill();
    }
  });
});
