// A public client that lives entirely in a browser, on another origin: it sends the person
// through login and consent, exchanges the code with PKCE by fetch() from its own page, and
// calls the API with the token — which needs fitgate's CORS answers on the token endpoint and the
// API. Introspection, which is for servers, stays closed to other origins.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { describe, it } from "node:test";
import { createTestClient, createTestUser, freePort } from "../helpers/app.ts";
import { browserSkipReason, logInAndAllow, useBrowser } from "../helpers/browser.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { createPkce } from "../helpers/oauth2-flow.ts";
import { useSuiteValue, useTestServer } from "../helpers/suite.ts";

const [sqlite] = await databaseTargets();
const skip = browserSkipReason() || (sqlite?.skip ?? "no database");

/** the app's callback page: reads the code, exchanges it, calls the API, shows what came back */
function callbackPage(issuer: string, clientId: string, verifier: string, redirectUri: string): string {
  const script = `
    const code = new URL(location.href).searchParams.get("code");
    const out = (id, value) => { document.getElementById(id).textContent = value; };
    (async () => {
      const tokenResponse = await fetch(${JSON.stringify(`${issuer}/oauth2/token`)}, { method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "authorization_code", code, client_id: ${JSON.stringify(clientId)},
          redirect_uri: ${JSON.stringify(redirectUri)}, code_verifier: ${JSON.stringify(verifier)} }) });
      const tokens = await tokenResponse.json();
      const profile = await (await fetch(${JSON.stringify(`${issuer}/api/v1/profile`)}, { headers: { authorization: "Bearer " + tokens.access_token } })).json();
      out("profile", JSON.stringify(profile));
      try {
        await fetch(${JSON.stringify(`${issuer}/oauth2/introspect`)}, { method: "POST", body: new URLSearchParams({ token: tokens.access_token }) });
        out("introspect", "readable");
      } catch { out("introspect", "blocked"); }
    })().catch((error) => out("profile", "failed: " + error));`;
  return `<!doctype html><title>Food diary SPA</title><p id="profile">pending</p><p id="introspect">pending</p><script>${script}</script>`;
}

describe("a browser-only app on another origin (public client, PKCE, CORS)", { skip }, () => {
  const server = useTestServer(sqlite!);
  const browser = useBrowser();
  let page = "";
  const spa = useSuiteValue("the app's own web server", async () => {
    const port = await freePort();
    const http: Server = createServer((_request, response) => response.writeHead(200, { "content-type": "text/html" }).end(page));
    await new Promise<void>((resolve) => http.listen(port, "127.0.0.1", resolve));
    return { http, callback: `http://127.0.0.1:${port}/callback` };
  }, ({ http }) => new Promise<void>((resolve) => { http.close(() => resolve()); http.closeAllConnections(); }));

  it("logs in, consents, exchanges the code from its page and reads the profile; introspection stays closed", { timeout: 60_000 }, async () => {
    const { client } = await createTestClient(server.deps, { type: "public", redirectUris: [spa().callback], callbackUrls: [], refreshRotation: true, mayIntrospect: false });
    const user = await createTestUser(server.deps);
    const pkce = createPkce();
    page = callbackPage(server.url, client.id, pkce.verifier, spa().callback);
    const query = new URLSearchParams({ response_type: "code", client_id: client.id, redirect_uri: spa().callback, scope: "profile", state: "st", code_challenge: pkce.challenge, code_challenge_method: "S256" });
    const tab = await browser().newPage();
    await logInAndAllow(tab, `${server.url}/oauth2/authorize?${query}`, user, spa().callback);
    await tab.waitForFunction(() => document.getElementById("profile")?.textContent !== "pending" && document.getElementById("introspect")?.textContent !== "pending");
    const profile = JSON.parse(await tab.locator("#profile").innerText()) as Record<string, unknown>;
    assert.equal(JSON.stringify(profile).includes(user.id), true, JSON.stringify(profile));
    assert.equal(await tab.locator("#introspect").innerText(), "blocked");
  });

  it("answers the preflight of a cross-origin token request, and not for introspection", async () => {
    const preflight = (path: string) => fetch(`${server.url}${path}`, { method: "OPTIONS", headers: { origin: "https://spa.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    const token = await preflight("/oauth2/token");
    assert.equal(token.status, 204);
    assert.equal(token.headers.get("access-control-allow-origin"), "*");
    assert.match(token.headers.get("access-control-allow-headers") ?? "", /content-type/);
    const introspect = await preflight("/oauth2/introspect");
    assert.equal(introspect.headers.get("access-control-allow-origin"), null);
  });
});
