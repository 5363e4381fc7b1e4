// A user's authorization (OAuth 2 authorization code + PKCE, the MapMyFitness/MyFitnessPal flow of
// seeds 000 and 001) from a command-line app: a loopback callback server, the browser, the code
// exchanged, tokens kept in a file (mode 0600) and refreshed automatically, then the user's diary.
// Run it again: the stored tokens are used without a browser until the user revokes the app.
//
//   npx fitgate client create --name "Diary" --type confidential --redirect-uri http://localhost:12345/callback
//   FITGATE_CLIENT_ID=… FITGATE_CLIENT_SECRET=… node examples/authorization-code.ts
//
// FITGATE_ISSUER (default http://localhost:8080) points it at another fitgate; FITGATE_CALLBACK_PORT
// (default 12345) must match the registered redirect URI; FITGATE_TOKEN_FILE (default
// .fitgate-tokens.json) is where the tokens are kept.
//
// In an app: import from "@fitgate/sdk", "@fitgate/sdk/file-token-store", "@fitgate/sdk/callback-server".
import {
  bearerTransport, createFitgateApi, createOAuth2ClientFromPreset, createTokenManager, discoverFitgate,
  parseAuthorizationResponse, ReauthorizationRequiredError,
} from "../sdk/src/index.ts";
import { startCallbackServer } from "../sdk/src/node/callback-server.ts";
import { createFileTokenStore } from "../sdk/src/token-stores/file.ts";

const issuer = process.env.FITGATE_ISSUER ?? "http://localhost:8080";
const tokenFile = process.env.FITGATE_TOKEN_FILE ?? ".fitgate-tokens.json";
const preset = await discoverFitgate(issuer);
const client = createOAuth2ClientFromPreset(preset, { clientId: required("FITGATE_CLIENT_ID"), clientSecret: process.env.FITGATE_CLIENT_SECRET });
const tokens = createTokenManager({ client, store: createFileTokenStore(tokenFile), key: "me" });
const api = createFitgateApi({ baseUrl: issuer, transport: bearerTransport(tokens) });

try {
  await tokens.getAccessToken();
} catch (error) {
  if (!(error instanceof ReauthorizationRequiredError)) throw error;
  await authorize(); // no tokens yet, or the user revoked the app
}
const today = new Date();
console.log("profile:", JSON.stringify(await api.profile.get()));
console.log("today's diary:", JSON.stringify(await api.diary.getEntries(today)));

async function authorize(): Promise<void> {
  const server = await startCallbackServer({ port: Number(process.env.FITGATE_CALLBACK_PORT ?? "12345"), fallbackToFreePort: false });
  try {
    const pending = await client.createAuthorizationRequest({ redirectUri: server.redirectUri, scope: "profile diary:read" });
    console.log(`Open this URL, log in and click Allow:\n${pending.url.href}`);
    const callback = await server.waitForCallback({ timeoutSeconds: 300 });
    const { code } = parseAuthorizationResponse(callback, { state: pending.state, issuer: issuer.replace(/\/$/, "") });
    await tokens.setTokens(await client.exchangeCode({ code, redirectUri: pending.redirectUri, codeVerifier: pending.codeVerifier }));
    console.log(`authorized; tokens saved in ${tokenFile}`);
  } finally {
    await server.close();
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`set ${name} (npx fitgate client create prints it)`);
  return value;
}
