// fitgate demo --oauth1: FatSecret's three-legged OAuth 1.0a flow (seeds/002, 003) with the SDK —
// get_request_token, get_authorization_url, the user's approval (callback, or `oob` with the
// verifier typed back in), get_access_token, then a signed API call.
import { createInterface } from "node:readline/promises";
import { createFitgateApi } from "../../sdk/src/api/client.ts";
import { oauth1Transport } from "../../sdk/src/api/transport.ts";
import { maskSecret } from "../../sdk/src/debug/tracing-fetch.ts";
import { createOAuth1Client } from "../../sdk/src/oauth1/client.ts";
import { showUrl, startDemoCallbackServer, type DemoContext } from "./demo.ts";

export async function runOAuth1Demo(context: DemoContext, options: { consumerKey: string; consumerSecret: string; oob: boolean }): Promise<number> {
  const { io, step, issuer } = context;
  const client = createOAuth1Client({
    consumerKey: options.consumerKey,
    consumerSecret: options.consumerSecret,
    signatureMethod: "HMAC-SHA1", // the one method FatSecret supports
    requestTokenUrl: `${issuer}/oauth/request_token`,
    authorizeUrl: `${issuer}/oauth/authorize`,
    accessTokenUrl: `${issuer}/oauth/access_token`,
    tokenRequestMethod: "GET", // as FatSecret documents its token requests
    fetch: context.tracingFetch,
  });

  const server = options.oob ? null : await (async () => {
    step("start a server to receive the callback");
    return startDemoCallbackServer(context);
  })();
  try {
    step(`get a request token (oauth_callback=${server === null ? "oob" : server.redirectUri})`);
    const requestToken = await client.getRequestToken(server === null ? "oob" : server.redirectUri);
    io.out(`request token ${maskSecret(requestToken.token)}, secret kept by the app`);

    step("send the user to the authorization page");
    const url = client.getAuthorizationUrl(requestToken);
    await showUrl(context, url);

    step("receive the verifier");
    let verifier: string;
    if (server === null) {
      verifier = await askForVerifier();
    } else {
      const callback = await server.waitForCallback({ timeoutSeconds: context.timeoutSeconds });
      verifier = client.parseCallback(callback, requestToken).verifier;
    }
    io.out(`verifier ${maskSecret(verifier)}`);

    step("exchange the request token and verifier for an access token (signed with consumer_secret&token_secret)");
    const accessToken = await client.getAccessToken(requestToken, verifier);
    io.out(`access token ${maskSecret(accessToken.token)}; it lasts until the user revokes it`);

    step("call the API with a signed request (profile.get)");
    const api = createFitgateApi({ baseUrl: issuer, transport: oauth1Transport(client, accessToken) });
    await api.profile.get();
    io.out(`\nDone: request token → authorization → access token → signed API call, all against ${issuer}`);
    return 0;
  } finally {
    await server?.close();
  }
}

/** oob: the page showed the verifier; the user types (or a script pipes) it here */
async function askForVerifier(): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
  try {
    const answer = (await prompt.question("Enter the verifier shown on the page: ")).trim();
    if (answer === "") throw new Error("no verifier entered");
    return answer;
  } finally {
    prompt.close();
  }
}
