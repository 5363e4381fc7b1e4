// The app's own token (OAuth 2 client_credentials, FatSecret's server-to-server flow, seed 004)
// and a catalogue search with it. The token manager asks for a new token shortly before the old
// one expires (expires_in 86400 by default), once however many calls are in flight.
//
//   npx fitgate client create --name "Food search" --type confidential --scope "basic premier"
//   FITGATE_CLIENT_ID=… FITGATE_CLIENT_SECRET=… node examples/client-credentials.ts toast
//
// FITGATE_ISSUER (default http://localhost:8080) points it at another fitgate.
//
// In an app: import { … } from "@fitgate/sdk" instead of the relative path.
import { bearerTransport, createFitgateApi, createOAuth2Client, createTokenManager, discoverFitgate } from "../sdk/src/index.ts";

const issuer = process.env.FITGATE_ISSUER ?? "http://localhost:8080";
const preset = await discoverFitgate(issuer); // RFC 8414 metadata
const client = createOAuth2Client({
  clientId: required("FITGATE_CLIENT_ID"),
  clientSecret: required("FITGATE_CLIENT_SECRET"),
  tokenEndpoint: preset.tokenEndpoint, // client_secret_basic, as FatSecret's curl example
});
const tokens = createTokenManager({ client, grant: "client_credentials", scope: "basic" });
const api = createFitgateApi({ baseUrl: issuer, transport: bearerTransport(tokens) });

const page = await api.foods.search(process.argv[2] ?? "toast", { maxResults: 5 });
console.log(`${page.totalResults} foods match; the first ${page.foods.length}:`);
for (const food of page.foods) console.log(`  #${food.foodId} ${food.foodName} — ${food.foodDescription}`);

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`set ${name} (npx fitgate client create prints it)`);
  return value;
}
