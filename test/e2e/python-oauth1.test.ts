// SPEC §3 proof with a real third-party client: Python requests_oauthlib.OAuth1Session (Debian's
// python3-requests-oauthlib) does the whole three-legged dance against a running fitgate while the
// user's part — login, consent, Allow — happens in real Chromium; then it makes signed API calls.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { createTestClient, createTestUser, freePort, startTestServer, type TestApp } from "../helpers/app.ts";
import { browserSkipReason, launchBrowser } from "../helpers/browser.ts";
import { databaseTargets, type TestDatabase } from "../helpers/databases.ts";
import { pythonSkipReason, runPythonScript } from "../helpers/python.ts";

const SCRIPT = fileURLToPath(new URL("./python-oauth1.py", import.meta.url));

const [sqlite] = await databaseTargets();
const skip = browserSkipReason() || pythonSkipReason() || (sqlite?.skip ?? "no database");

describe("Python requests_oauthlib with the user in Chromium", { skip }, () => {
  let database: TestDatabase;
  let server: TestApp & { url: string };
  let browser: Browser;
  // the application's callback endpoint: records where the browser arrived
  let callbackServer: Server;
  let callback: string;
  const arrivals: string[] = [];
  before(async () => {
    const port = await freePort();
    callback = `http://127.0.0.1:${port}/callback`;
    callbackServer = createServer((request, response) => {
      // the browser also asks this origin for /favicon.ico: only the callback counts
      if (request.url?.startsWith("/callback") === true) arrivals.push(`http://127.0.0.1:${port}${request.url}`);
      response.writeHead(200, { "content-type": "text/html" }).end("<p>Back at the app</p>");
    });
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

  it("gets an access token through login, consent and the callback, then calls the API signed", { timeout: 60_000 }, async () => {
    const user = await createTestUser(server.deps);
    const { client, secrets } = await createTestClient(server.deps, { name: "Python Diary", callbackUrls: [callback] });
    const python = runPythonScript(SCRIPT, [server.url, client.consumerKey ?? "", secrets?.consumerSecret ?? "", callback, "/rest/server.api?method=profile.get&format=json"]);
    const next = python.next;
    try {
      const start = await next();
      assert.equal(start.callback_confirmed, "true");

      const page = await browser.newPage();
      await page.goto(String(start.url));
      await page.getByLabel(/email/i).fill(user.email);
      await page.getByLabel(/password/i).fill(user.password);
      await Promise.all([page.waitForURL(/\/oauth\/authorize/), page.getByRole("button", { name: /log in/i }).click()]);
      assert.equal(await page.locator("#client-name").first().textContent(), "Python Diary");
      await Promise.all([page.waitForURL(`${callback}**`), page.getByRole("button", { name: "Allow" }).click()]);
      // the URL the browser landed on, not "the last request the app saw" (Chromium also asks the
      // app's origin for /favicon.ico, possibly after the callback); the app must have seen it once
      const callbackUrl = page.url();
      assert.deepEqual(arrivals, [callbackUrl], "the redirect reached the application's callback endpoint exactly once");
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
