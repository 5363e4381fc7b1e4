// Seed 004 unchanged but for the URL: real curl against a real fitgate server — client
// credentials with HTTP Basic, then foods.search with the Bearer token — plus the seed's
// literal "Content-Type: application/json" request with the parameters in the query.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { before, describe, test } from "node:test";
import { promisify } from "node:util";
import { createTestClient } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { useTestServer } from "../helpers/suite.ts";

const run = promisify(execFile);
const curl = async (...args: string[]) => (await run("curl", ["--silent", "--show-error", "--max-time", "10", ...args])).stdout;

const [sqlite] = await databaseTargets();
const curlMissing = await run("curl", ["--version"]).then(() => false, () => "curl is not installed");

describe("seed 004's curl calls", { skip: curlMissing }, () => {
  const server = useTestServer(sqlite!, { seedFoods: true });
  let clientId: string;
  let clientSecret: string;

  before(async () => {
    const { client, secrets } = await createTestClient(server.deps, { scopes: ["basic", "premier", "barcode"], defaultScopes: ["basic", "premier", "barcode"] });
    assert.ok(secrets);
    clientId = client.id;
    clientSecret = secrets.clientSecret;
  });

  const token = async () => {
    // curl -u <YOUR_CLIENT_ID>:<YOUR_CLIENT_SECRET> -d "grant_type=client_credentials&scope=basic" -X POST https://oauth.fatsecret.com/connect/token
    const answer = JSON.parse(await curl("-u", `${clientId}:${clientSecret}`, "-d", "grant_type=client_credentials&scope=basic", "-X", "POST", `${server.url}/oauth2/token`)) as Record<string, unknown>;
    assert.equal(answer.token_type, "Bearer");
    assert.equal(answer.expires_in, 86400);
    return answer.access_token as string;
  };

  test("client credentials, then foods.search for toast, finds toast", async () => {
    const accessToken = await token();
    const body = await curl("-H", `Authorization: Bearer ${accessToken}`, "-X", "POST", `${server.url}/rest/server.api`,
      "-d", "method=foods.search&search_expression=toast&format=json");
    const foods = (JSON.parse(body) as { foods: { food: { food_name: string; food_description: string }[]; total_results: string } }).foods;
    assert.ok(foods.food.some((f) => f.food_name === "Toast, white bread" && f.food_description.startsWith("Per 1 slice - Calories: ")), body);
  });

  test("the literal request of the seed: Content-Type: application/json with the parameters in the query", async () => {
    const accessToken = await token();
    const body = await curl("-H", `Authorization: Bearer ${accessToken}`, "-H", "Content-Type: application/json", "-X", "POST",
      `${server.url}/rest/server.api?method=foods.search&search_expression=toast&format=json`);
    assert.ok((JSON.parse(body) as { foods: { total_results: string } }).foods.total_results === "4", body);
  });

  test("a basic-scope token may not autocomplete (premier): 403, code 14, insufficient_scope", async () => {
    const accessToken = await token();
    const output = await curl("-i", "-H", `Authorization: Bearer ${accessToken}`, `${server.url}/api/v1/foods/autocomplete?expression=toa`);
    assert.match(output, /^HTTP\/1\.1 403/);
    assert.match(output, /www-authenticate: Bearer realm="fitgate", error="insufficient_scope"/i);
    assert.match(output, /\{"error":\{"code":14,"message":"Missing scope: 'premier'"\}\}$/);
  });
});
