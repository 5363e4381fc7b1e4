// SPEC §3 proof with a real third-party client: Python requests_oauthlib.OAuth1Session (Debian's
// python3-requests-oauthlib) does the whole three-legged dance against a running fitgate while the
// user's part — login, consent, Allow — happens in real Chromium; then it makes signed API calls.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { createTestClient, createTestUser } from "../helpers/app.ts";
import { answerConsent, browserSkipReason, logInInChromium, useBrowser } from "../helpers/browser.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { runPythonScript } from "../helpers/python.ts";
import { pythonSkipReason } from "../helpers/services.ts";
import { useTestServer } from "../helpers/suite.ts";
import { useCallbackServer } from "../helpers/callback-server.ts";

const SCRIPT = fileURLToPath(new URL("./python-oauth1.py", import.meta.url));

const [sqlite] = await databaseTargets();
const skip = browserSkipReason() || pythonSkipReason() || (sqlite?.skip ?? "no database");

describe("Python requests_oauthlib with the user in Chromium", { skip }, () => {
  const server = useTestServer(sqlite!);
  const browser = useBrowser();
  // the application's callback endpoint: records where the browser arrived
  const callbackApp = useCallbackServer();

  it("gets an access token through login, consent and the callback, then calls the API signed", { timeout: 60_000 }, async () => {
    const user = await createTestUser(server.deps);
    const callback = callbackApp.url;
    const { client, secrets } = await createTestClient(server.deps, { name: "Python Diary", callbackUrls: [callback] });
    const python = runPythonScript(SCRIPT, [server.url, client.consumerKey ?? "", secrets?.consumerSecret ?? "", callback, "/rest/server.api?method=profile.get&format=json"]);
    const next = python.next;
    try {
      const start = await next();
      assert.equal(start.callback_confirmed, "true");

      const page = await browser().newPage();
      await logInInChromium(page, String(start.url), user);
      assert.equal(await page.locator("#client-name").first().textContent(), "Python Diary");
      await answerConsent(page, "Allow", callback);
      // the URL the browser landed on, not "the last request the app saw" (Chromium also asks the
      // app's origin for /favicon.ico, possibly after the callback); the app must have seen it once
      const callbackUrl = page.url();
      assert.deepEqual(callbackApp.arrivals, [callbackUrl], "the redirect reached the application's callback endpoint exactly once");
      const redirected = new URL(callbackUrl);
      assert.equal(redirected.searchParams.get("oauth_token"), new URL(String(start.url)).searchParams.get("oauth_token"));
      assert.ok(redirected.searchParams.get("oauth_verifier"));

      python.writeLine(callbackUrl);
      const done = await next();
      assert.deepEqual(done.access_token_keys, ["oauth_token", "oauth_token_secret"]);
      assert.equal(done.status, 200, String(done.body));
      assert.match(String(done.body), new RegExp(user.id));
      assert.equal(done.post_status, 200);
    } finally {
      python.kill();
    }
  });
});
