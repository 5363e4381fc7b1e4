// Interop over a real socket with the two npm client libraries the issue names: `oauth` (the
// whole dance with oob: the verifier read from the oob page) and `oauth-1.0a` (with a callback),
// each ending in a signed call to the protected API.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { OAuth } from "oauth";
import { databaseTargets } from "../helpers/databases.ts";
import { authorize, createConsumer, signerFor, verifierFromOobPage, type Consumer } from "./oauth1-helpers.ts";
import { loggedInPageClient } from "../helpers/pages.ts";
import { useTestServer } from "../helpers/suite.ts";

type Tokens = { token: string; secret: string };

function requestToken(client: OAuth): Promise<Tokens & { confirmed: string }> {
  return new Promise((resolve, reject) => client.getOAuthRequestToken((error, token, secret, results) => {
    if (error) reject(new Error(JSON.stringify(error)));
    else resolve({ token, secret, confirmed: String((results as Record<string, unknown>).oauth_callback_confirmed) });
  }));
}

function accessToken(client: OAuth, request: Tokens, verifier: string): Promise<Tokens> {
  return new Promise((resolve, reject) => client.getOAuthAccessToken(request.token, request.secret, verifier, (error, token, secret) => {
    if (error) reject(new Error(JSON.stringify(error)));
    else resolve({ token, secret });
  }));
}

function signedGet(client: OAuth, url: string, tokens: Tokens): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => client.get(url, tokens.token, tokens.secret, (error, data) => {
    const failure = error as { statusCode?: number; data?: string } | null;
    resolve(failure ? { status: failure.statusCode ?? 0, body: String(failure.data ?? "") } : { status: 200, body: String(data ?? "") });
  }));
}

const targets = await databaseTargets();
for (const target of targets) {
  describe(`OAuth 1.0a client libraries against a running fitgate on ${target.dialect}`, { skip: target.skip }, () => {
    const server = useTestServer(target);
    let consumer: Consumer;
    before(async () => { consumer = await createConsumer(server); });

    // POST is the library's default; FatSecret's seeds (002, 003) send both token requests as GET
    for (const httpMethod of ["POST", "GET"] as const) it(`runs the whole oob dance with the \`oauth\` library (token requests by ${httpMethod}) and makes a signed API call`, async () => {
      const client = new OAuth(`${server.url}/oauth/request_token`, `${server.url}/oauth/access_token`, consumer.key, consumer.secret, "1.0A", "oob", "HMAC-SHA1");
      client.setClientOptions({ requestTokenHttpMethod: httpMethod, accessTokenHttpMethod: httpMethod, followRedirects: true });
      const request = await requestToken(client);
      assert.equal(request.confirmed, "true");
      const { page: pages, user: { id: userId } } = await loggedInPageClient(server);
      const verifier = verifierFromOobPage(await authorize(pages, { key: request.token, secret: request.secret }));
      const access = await accessToken(client, request, verifier);
      const call = await signedGet(client, `${server.url}/rest/server.api?method=profile.get&format=json`, access);
      assert.equal(call.status, 200, call.body);
      assert.match(call.body, new RegExp(userId));
      const replayedExchange = await accessToken(client, request, verifier).then(() => "accepted", (error: Error) => error.message);
      assert.match(replayedExchange, /token_rejected/);
    });

    it("runs the dance with `oauth-1.0a` and fetch, through the registered callback", async () => {
      const oauth = signerFor(consumer);
      const post = async (url: string, token?: { key: string; secret: string }, data: Record<string, string> = {}) => {
        // oauth-1.0a puts oauth_* members of data in the header: the body carries the rest
        const header = oauth.toHeader(oauth.authorize({ url, method: "POST", data }, token));
        const response = await fetch(url, { method: "POST", headers: { ...header, "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(Object.entries(data).filter(([name]) => !name.startsWith("oauth_"))) });
        const text = await response.text();
        return { status: response.status, text, form: Object.fromEntries(new URLSearchParams(text)) };
      };
      const callback = "http://localhost:12345/callback";
      const request = await post(`${server.url}/oauth/request_token`, undefined, { oauth_callback: callback });
      assert.equal(request.status, 200);
      const requestToken = { key: request.form.oauth_token ?? "", secret: request.form.oauth_token_secret ?? "" };
      const { page: pages, user: { id: userId } } = await loggedInPageClient(server);
      const redirect = new URL(String((await authorize(pages, requestToken)).headers.location));
      assert.equal(redirect.searchParams.get("oauth_token"), requestToken.key);
      const access = await post(`${server.url}/oauth/access_token`, requestToken, { oauth_verifier: redirect.searchParams.get("oauth_verifier") ?? "" });
      assert.equal(access.status, 200);
      const call = await post(`${server.url}/rest/server.api`, { key: access.form.oauth_token ?? "", secret: access.form.oauth_token_secret ?? "" },
        { method: "profile.get", format: "json" });
      assert.equal(call.status, 200, call.text);
      assert.match(call.text, new RegExp(userId), "the call was made as the user who allowed it");
    });
  });
}
