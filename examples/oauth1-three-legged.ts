// FatSecret's three-legged OAuth 1.0a flow (seeds 002, 003) — get_request_token,
// get_authorization_url, get_access_token — out of band: the page shows a verifier that the
// user types in here. Then a signed call for the user's data. With FatSecret itself, use
// fatsecretOAuth1's URLs and tokenRequestMethod: "GET".
//
//   npx fitgate client create --name "Diary (OAuth 1)" --type confidential --callback-url http://localhost:12345/callback
//   FITGATE_CONSUMER_KEY=… FITGATE_CONSUMER_SECRET=… node examples/oauth1-three-legged.ts
//
// FITGATE_ISSUER (default http://localhost:8080) points it at another fitgate.
import { createInterface } from "node:readline/promises";
import { createFitgateApi, createOAuth1Client, fitgateOAuth1, oauth1Transport } from "../sdk/src/index.ts";

const issuer = process.env.FITGATE_ISSUER ?? "http://localhost:8080";
const preset = fitgateOAuth1(issuer);
const client = createOAuth1Client({
  consumerKey: required("FITGATE_CONSUMER_KEY"),
  consumerSecret: required("FITGATE_CONSUMER_SECRET"),
  signatureMethod: "HMAC-SHA1",
  requestTokenUrl: preset.requestTokenUrl,
  authorizeUrl: preset.authorizeUrl,
  accessTokenUrl: preset.accessTokenUrl,
});

const requestToken = await client.getRequestToken("oob");
console.log(`Open this URL, log in and click Allow:\n${client.getAuthorizationUrl(requestToken).href}`);
const prompt = createInterface({ input: process.stdin, output: process.stdout });
const verifier = (await prompt.question("Verifier shown on the page: ")).trim();
prompt.close();
const accessToken = await client.getAccessToken(requestToken, verifier);
// keep accessToken.token and accessToken.tokenSecret: they last until the user revokes the app

const api = createFitgateApi({ baseUrl: issuer, transport: oauth1Transport(client, accessToken) });
console.log("profile:", JSON.stringify(await api.profile.get()));
console.log("this month's weights:", JSON.stringify(await api.weight.getMonth()));

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`set ${name} (npx fitgate client create prints it)`);
  return value;
}
