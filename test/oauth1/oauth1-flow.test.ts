import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTestUser } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { authorize, authorizedRequestToken, createConsumer, exchange, getRequestToken, ISSUER, parseForm, signedRequest, signerFor, threeLeggedDance, verifierFromOobPage } from "./oauth1-helpers.ts";
import { findLiveGrant } from "../../src/store/kysely/grants.ts";
import { findOAuth1Token } from "../../src/store/kysely/oauth1-tokens.ts";
import { consentFormFields } from "../helpers/oauth2-flow.ts";
import { loggedInPageClient } from "../helpers/pages.ts";
import { useTestApp } from "../helpers/suite.ts";

const targets = await databaseTargets();
for (const target of targets) {
  describe(`the OAuth 1.0a three-legged flow on ${target.dialect}`, { skip: target.skip }, () => {
    const testApp = useTestApp(target);

    it("issues a request token with oauth_callback_confirmed=true, form-encoded and not cached", async () => {
      const consumer = await createConsumer(testApp);
      const response = await testApp.app.inject(signedRequest({ consumer, path: "/oauth/request_token", oauth: { oauth_callback: "http://localhost:12345/callback" } }));
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers["content-type"], "application/x-www-form-urlencoded");
      assert.equal(response.headers["cache-control"], "no-store");
      const form = parseForm(response);
      assert.equal(form.oauth_callback_confirmed, "true");
      assert.match(form.oauth_token ?? "", /^[A-Za-z0-9_-]{43}$/);
      assert.match(form.oauth_token_secret ?? "", /^[A-Za-z0-9_-]{43}$/);
    });

    it("accepts FatSecret's style: a GET with every oauth_* parameter in the query string", async () => {
      const consumer = await createConsumer(testApp);
      const oauth = signerFor(consumer);
      const url = `${ISSUER}/oauth/request_token`;
      const signed = oauth.authorize({ url, method: "GET", data: { oauth_callback: "oob" } });
      const query = new URLSearchParams(Object.entries(signed).map(([name, value]) => [name, String(value)]));
      const response = await testApp.app.inject({ method: "GET", url: `/oauth/request_token?${query.toString().replace(/\+/g, "%20")}` });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(parseForm(response).oauth_callback_confirmed, "true");
    });

    it("verifies the RFC 5849 §3.4.1.1 request shape over HTTP: encoded query, empty values, a + in the form body", async () => {
      const consumer = await createConsumer(testApp);
      const path = "/oauth/request_token?b5=%3D%253D&a3=a&c%40=&a2=r%20b";
      const request = signedRequest({ consumer, path, oauth: { oauth_callback: "oob" }, body: [["c2", ""], ["a3", "2 q"]] });
      const response = await testApp.app.inject({
        ...request, payload: "c2&a3=2+q", headers: { ...request.headers, "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      });
      assert.equal(response.statusCode, 200, response.body);
    });

    it("sends the user to the login page first, and back to the consent page after", async () => {
      const consumer = await createConsumer(testApp);
      const token = await getRequestToken(testApp.app, consumer);
      const anonymous = await testApp.app.inject({ method: "GET", url: `/oauth/authorize?oauth_token=${token.key}` });
      assert.equal(anonymous.statusCode, 303);
      assert.equal(anonymous.headers.location, `/login?return_to=${encodeURIComponent(`/oauth/authorize?oauth_token=${token.key}`)}`);
      const { page: pages } = await loggedInPageClient(testApp);
      const consent = await pages.get(`/oauth/authorize?oauth_token=${token.key}`);
      assert.equal(consent.statusCode, 200);
      assert.match(consent.body, /<button[^>]*value="allow"[^>]*>Allow<\/button>/);
      assert.match(consent.body, /data-scope="diary:read"/);
    });

    it("redirects to the registered callback with oauth_token and oauth_verifier, then exchanges them once", async () => {
      const consumer = await createConsumer(testApp);
      const { page: pages, user: { id: userId } } = await loggedInPageClient(testApp);
      const requestToken = await getRequestToken(testApp.app, consumer, "http://localhost:12345/callback?state=x");
      const allowed = await authorize(pages, requestToken);
      assert.equal(allowed.statusCode, 303);
      const location = new URL(String(allowed.headers.location));
      assert.equal(`${location.origin}${location.pathname}`, "http://localhost:12345/callback");
      assert.equal(location.searchParams.get("state"), "x");
      assert.equal(location.searchParams.get("oauth_token"), requestToken.key);
      const verifier = location.searchParams.get("oauth_verifier") ?? "";
      const first = await exchange(testApp.app, consumer, requestToken, verifier);
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.headers["content-type"], "application/x-www-form-urlencoded");
      assert.equal(first.headers["cache-control"], "no-store");
      assert.deepEqual(Object.keys(parseForm(first)).sort(), ["oauth_token", "oauth_token_secret"]);
      const grant = await findLiveGrant(testApp.deps.db, userId, consumer.clientId);
      assert.ok(grant, "the consent became a grant, shown on the connected-apps page");
      const second = await exchange(testApp.app, consumer, requestToken, verifier);
      assert.equal(second.statusCode, 401);
      assert.equal(parseForm(second).oauth_problem, "token_rejected");
    });

    it("shows the verifier on the oob page in <output id=verifier>", async () => {
      const { accessToken } = await threeLeggedDance(testApp);
      assert.match(accessToken.key, /^[A-Za-z0-9_-]{43}$/);
    });

    it("sends a denial to the callback with oauth_problem=permission_denied and burns the request token", async () => {
      const consumer = await createConsumer(testApp);
      const { page: pages } = await loggedInPageClient(testApp);
      const requestToken = await getRequestToken(testApp.app, consumer, "http://localhost:12345/callback");
      const denied = await authorize(pages, requestToken, "deny");
      assert.equal(denied.statusCode, 303);
      const location = new URL(String(denied.headers.location));
      assert.equal(location.searchParams.get("oauth_problem"), "permission_denied");
      const again = await pages.get(`/oauth/authorize?oauth_token=${requestToken.key}`);
      assert.equal(again.statusCode, 400);
    });

    it("asks again, naming the account, when the consent page was shown to another account", async () => {
      const consumer = await createConsumer(testApp);
      const { page: pages } = await loggedInPageClient(testApp);
      const requestToken = await getRequestToken(testApp.app, consumer);
      const shownToFirst = consentFormFields((await pages.get(`/oauth/authorize?oauth_token=${requestToken.key}`)).body);
      // another tab: the same browser logs in as someone else
      const other = await createTestUser(testApp.deps);
      const csrfToken = shownToFirst.csrf_token ?? "";
      assert.equal((await pages.post("/login", { csrf_token: csrfToken, email: other.email, password: other.password })).statusCode, 303);
      const answer = await pages.post("/oauth/authorize", { ...shownToFirst, decision: "allow" });
      assert.equal(answer.statusCode, 200, "the consent page again, not a verifier");
      assert.ok(answer.body.includes(other.email), "naming the account now logged in");
      assert.doesNotMatch(answer.body, /id="verifier"/);
      assert.equal((await findOAuth1Token(testApp.deps.db, requestToken.key))?.authorizedAt, null);
      const verifier = verifierFromOobPage(await pages.post("/oauth/authorize", { ...consentFormFields(answer.body), decision: "allow" }));
      assert.equal((await findOAuth1Token(testApp.deps.db, requestToken.key))?.userId, other.id, "the second answer, from the page that named it, counts");
      assert.match(verifier, /^[0-9a-f]{20}$/);
    });

    it("sends a person whose session ended back to the same consent page after logging in", async () => {
      const consumer = await createConsumer(testApp);
      const { page: pages } = await loggedInPageClient(testApp);
      const requestToken = await getRequestToken(testApp.app, consumer);
      const fields = consentFormFields((await pages.get(`/oauth/authorize?oauth_token=${requestToken.key}`)).body);
      for (const name of [...pages.cookies.keys()].filter((n) => n.includes("session"))) pages.cookies.delete(name);
      const answer = await pages.post("/oauth/authorize", { ...fields, decision: "allow" });
      assert.equal(answer.statusCode, 303);
      assert.equal(answer.headers.location, `/login?return_to=${encodeURIComponent(`/oauth/authorize?oauth_token=${requestToken.key}`)}`);
    });

    it("refuses a wrong verifier with verifier_invalid and still accepts the right one", async () => {
      const consumer = await createConsumer(testApp);
      const { requestToken, verifier } = await authorizedRequestToken(testApp, consumer);
      const wrong = await exchange(testApp.app, consumer, requestToken, "0".repeat(20));
      assert.equal(wrong.statusCode, 401);
      assert.equal(parseForm(wrong).oauth_problem, "verifier_invalid");
      assert.equal((await exchange(testApp.app, consumer, requestToken, verifier)).statusCode, 200);
    });
  });
}
