// The SDK's OAuth 1.0a client against a real fitgate on a socket, on both databases: the
// three-legged flow with a callback and with oob, GET (FatSecret) and POST token requests,
// HMAC-SHA1 and HMAC-SHA256, the user's denial, and the server's problems as typed errors.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OAuth1Error } from "../../sdk/src/errors.ts";
import { createOAuth1Client, type OAuth1ClientOptions } from "../../sdk/src/oauth1/client.ts";
import { fitgateOAuth1 } from "../../sdk/src/presets/fitgate.ts";
import { createTestClient, createTestUser } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { createUserAgent } from "./sdk-user-agent.ts";
import { useTestServer } from "../helpers/suite.ts";

const CALLBACK = "http://localhost:12345/callback"; // registered by createTestClient; never listened on

const targets = await databaseTargets();
for (const target of targets) {
  describe(`SDK OAuth 1.0a against fitgate on ${target.dialect}`, { skip: target.skip }, () => {
    const server = useTestServer(target);

    async function consumer(options: Partial<OAuth1ClientOptions> = {}) {
      const registered = await createTestClient(server.deps);
      const preset = fitgateOAuth1(server.url);
      const client = createOAuth1Client({
        consumerKey: registered.client.consumerKey ?? "",
        consumerSecret: registered.secrets?.consumerSecret ?? "",
        requestTokenUrl: preset.requestTokenUrl, authorizeUrl: preset.authorizeUrl, accessTokenUrl: preset.accessTokenUrl,
        tokenRequestMethod: preset.tokenRequestMethod,
        ...options,
      });
      return { registered, client, user: await createTestUser(server.deps) };
    }

    const variants: [string, Partial<OAuth1ClientOptions>][] = [
      ["POST token requests with HMAC-SHA1", { tokenRequestMethod: "POST", signatureMethod: "HMAC-SHA1" }],
      ["GET token requests (as FatSecret documents them)", { tokenRequestMethod: "GET" }],
      ["HMAC-SHA256", { signatureMethod: "HMAC-SHA256" }],
    ];
    for (const [what, options] of variants) {
      it(`runs the three-legged flow with a callback: ${what}`, async () => {
        const { client, user } = await consumer(options);
        const requestToken = await client.getRequestToken(CALLBACK);
        assert.equal(requestToken.callbackConfirmed, true);
        const callback = await createUserAgent(server.url, user).authorize(client.getAuthorizationUrl(requestToken));
        assert.equal(callback.origin + callback.pathname, CALLBACK);
        const { verifier } = client.parseCallback(callback, requestToken);
        const accessToken = await client.getAccessToken(requestToken, verifier);
        assert.ok(accessToken.token.length > 0 && accessToken.tokenSecret.length > 0);
        assert.notEqual(accessToken.token, requestToken.token);
      });
    }

    it("runs the oob flow: the verifier shown on the page is typed back in", async () => {
      const { client, user } = await consumer();
      const requestToken = await client.getRequestToken("oob");
      const verifier = await createUserAgent(server.url, user).authorizeOob(client.getAuthorizationUrl(requestToken));
      const accessToken = await client.getAccessToken(requestToken, verifier);
      assert.ok(accessToken.token.length > 0);
    });

    it("surfaces the user's Deny as OAuth1Error permission_denied", async () => {
      const { client, user } = await consumer();
      const requestToken = await client.getRequestToken(CALLBACK);
      const callback = await createUserAgent(server.url, user).authorize(client.getAuthorizationUrl(requestToken), "deny");
      assert.throws(() => client.parseCallback(callback, requestToken), (error: unknown) => error instanceof OAuth1Error && error.problem === "permission_denied");
    });

    it("refuses a used verifier the second time with a typed problem", async () => {
      const { client, user } = await consumer();
      const requestToken = await client.getRequestToken(CALLBACK);
      const callback = await createUserAgent(server.url, user).authorize(client.getAuthorizationUrl(requestToken));
      const { verifier } = client.parseCallback(callback, requestToken);
      await client.getAccessToken(requestToken, verifier);
      await assert.rejects(client.getAccessToken(requestToken, verifier), (error: unknown) => error instanceof OAuth1Error && error.status !== null && error.status >= 400);
    });

    it("reports a wrong consumer secret as signature_invalid and an unknown key as consumer_key_unknown", async () => {
      const { registered } = await consumer();
      const preset = fitgateOAuth1(server.url);
      const wrongSecret = createOAuth1Client({ consumerKey: registered.client.consumerKey ?? "", consumerSecret: "not the secret", requestTokenUrl: preset.requestTokenUrl });
      await assert.rejects(wrongSecret.getRequestToken("oob"), (error: unknown) => error instanceof OAuth1Error && error.problem === "signature_invalid" && error.status === 401);
      const unknown = createOAuth1Client({ consumerKey: "nobody", consumerSecret: "x", requestTokenUrl: preset.requestTokenUrl });
      await assert.rejects(unknown.getRequestToken("oob"), (error: unknown) => error instanceof OAuth1Error && error.problem === "consumer_key_unknown");
    });
  });
}
