// The SDK's typed API client against a real fitgate (foods seeded), on both databases: every
// group (foods, profile, diary, weight, exercise) with a user's OAuth 2 token, catalogue calls
// with client credentials and 2-legged OAuth 1, user data with 3-legged OAuth 1, errors as
// ApiError, 20 racing API calls refreshing once, and a grant the user revoked (Revoke on
// /account/apps) ending in ReauthorizationRequiredError on the next call.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createFitgateApi } from "../../sdk/src/api/client.ts";
import { bearerTransport, oauth1Transport } from "../../sdk/src/api/transport.ts";
import { ApiError, ReauthorizationRequiredError } from "../../sdk/src/errors.ts";
import { isJsonObject, type JsonObject } from "../../sdk/src/http.ts";
import { createOAuth1Client } from "../../sdk/src/oauth1/client.ts";
import { createOAuth2Client } from "../../sdk/src/oauth2/client.ts";
import { createTokenManager } from "../../sdk/src/oauth2/token-manager.ts";
import { fitgateOAuth1 } from "../../sdk/src/presets/fitgate.ts";
import { createMemoryTokenStore } from "../../sdk/src/token-stores/memory.ts";
import { createTestClient, createTestUser } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { authorizeWithSdk, createUserAgent } from "./sdk-user-agent.ts";
import { useTestServer } from "../helpers/suite.ts";

/** the id in FatSecret's `{"food_entry_id":{"value":"7"}}` answer */
function idOf(result: JsonObject, name: string): string {
  const member = result[name];
  assert.ok(isJsonObject(member) && typeof member.value === "string", `no ${name} in ${JSON.stringify(result)}`);
  return member.value;
}

const targets = await databaseTargets();
for (const target of targets) {
  describe(`SDK API client against fitgate on ${target.dialect}`, { skip: target.skip }, () => {
    const server = useTestServer(target, { seedFoods: true });

    async function userApi(scope?: string) {
      const flow = await authorizeWithSdk(server, { scope });
      const manager = createTokenManager({ client: flow.client });
      await manager.setTokens(flow.tokens);
      return { ...flow, manager, api: createFitgateApi({ baseUrl: server.url, transport: bearerTransport(manager) }) };
    }

    it("searches foods and reads one with its servings, typed", async () => {
      const { api } = await userApi();
      const page = await api.foods.search("toast", { maxResults: 5 });
      assert.ok(page.foods.length > 0 && page.foods.length <= 5);
      assert.equal(page.pageNumber, 0);
      assert.equal(page.maxResults, 5);
      const first = page.foods[0];
      assert.ok(first !== undefined && Number.isInteger(first.foodId));
      const food = await api.foods.get(first.foodId);
      assert.equal(food.foodName, first.foodName);
      assert.ok(food.servings.length > 0 && food.servings.every((s) => s.calories >= 0));
    });

    it("keeps a diary, a weight log and an exercise log for the user", async () => {
      const { api } = await userApi();
      const [food] = (await api.foods.search("bread", { maxResults: 1 })).foods;
      assert.ok(food !== undefined);
      const created = await api.diary.createEntry({ foodId: food.foodId, numberOfUnits: 2, meal: "breakfast", date: "2026-01-05", clientEntryId: "e2e-1" });
      const again = await api.diary.createEntry({ foodId: food.foodId, numberOfUnits: 2, meal: "breakfast", date: "2026-01-05", clientEntryId: "e2e-1" });
      assert.deepEqual(again, created); // a retried create logs once
      const entryId = idOf(created, "food_entry_id");
      await api.diary.editEntry(entryId, { numberOfUnits: 3, meal: "lunch" });
      const day = JSON.stringify(await api.diary.getEntries("2026-01-05"));
      assert.match(day, /"meal":"lunch"/);
      await api.diary.deleteEntry(entryId);
      assert.doesNotMatch(JSON.stringify(await api.diary.getEntries("2026-01-05")), new RegExp(`"food_entry_id":"${entryId}"`));

      await api.weight.update({ currentWeightKg: 80.5, date: new Date("2026-01-05T08:00:00Z"), comment: "morning" });
      assert.match(JSON.stringify(await api.weight.getMonth("2026-01-20")), /"weight_kg":"80.5"/);

      const exercise = await api.exercise.createEntry({ exerciseName: "Running", minutes: 30, calories: 300, date: "2026-01-05" });
      assert.match(JSON.stringify(await api.exercise.getEntries("2026-01-05")), /Running/);
      await api.exercise.deleteEntry(idOf(exercise, "exercise_entry_id"));
      assert.ok(await api.profile.get());
    });

    it("reports a missing scope as ApiError 14 with HTTP 403", async () => {
      const { api } = await userApi("basic");
      await assert.rejects(api.profile.get(), (error: unknown) => error instanceof ApiError && error.apiCode === 14 && error.status === 403);
    });

    it("calls the catalogue with client credentials, and is refused user data with them", async () => {
      const registered = await createTestClient(server.deps);
      const client = createOAuth2Client({ clientId: registered.client.id, clientSecret: registered.secrets?.clientSecret ?? null, tokenEndpoint: `${server.url}/oauth2/token` });
      const manager = createTokenManager({ client, grant: "client_credentials" });
      const api = createFitgateApi({ baseUrl: server.url, transport: bearerTransport(manager) });
      assert.ok((await api.foods.search("rice")).totalResults > 0);
      await assert.rejects(api.profile.get(), (error: unknown) => error instanceof ApiError && error.status === 403);
    });

    it("calls the API with OAuth 1: 2-legged for the catalogue, 3-legged for the user's profile", async () => {
      const registered = await createTestClient(server.deps);
      const preset = fitgateOAuth1(server.url);
      const client = createOAuth1Client({
        consumerKey: registered.client.consumerKey ?? "", consumerSecret: registered.secrets?.consumerSecret ?? "",
        requestTokenUrl: preset.requestTokenUrl, authorizeUrl: preset.authorizeUrl, accessTokenUrl: preset.accessTokenUrl,
      });
      assert.ok((await createFitgateApi({ baseUrl: server.url, transport: oauth1Transport(client, null) }).foods.search("milk")).foods.length > 0);
      const user = await createTestUser(server.deps);
      const requestToken = await client.getRequestToken("oob");
      const verifier = await createUserAgent(server.url, user).authorizeOob(client.getAuthorizationUrl(requestToken));
      const accessToken = await client.getAccessToken(requestToken, verifier);
      const profile = JSON.stringify(await createFitgateApi({ baseUrl: server.url, transport: oauth1Transport(client, accessToken) }).profile.get());
      assert.ok(profile.includes(user.email) || profile.includes(user.id));
    });

    it("refreshes exactly once when 20 API calls race on a token about to expire", async () => {
      const { registered, tokens } = await userApi();
      let tokenRequests = 0;
      const counting = createOAuth2Client({
        clientId: registered.client.id, clientSecret: registered.secrets?.clientSecret ?? null, tokenEndpoint: `${server.url}/oauth2/token`,
        fetch: (input, init) => {
          tokenRequests += 1;
          return fetch(input, init);
        },
      });
      const manager = createTokenManager({ client: counting, store: createMemoryTokenStore({ default: { ...tokens, expiresAt: new Date(Date.now() + 20_000) } }) });
      const api = createFitgateApi({ baseUrl: server.url, transport: bearerTransport(manager) });
      const pages = await Promise.all(Array.from({ length: 20 }, () => api.foods.search("egg", { maxResults: 1 })));
      assert.equal(pages.length, 20);
      assert.equal(tokenRequests, 1);
    });

    it("ends in ReauthorizationRequiredError on the next call once the user clicked Revoke on /account/apps", async () => {
      const { api, agent } = await userApi();
      await api.profile.get();
      assert.equal(await agent.revokeConnectedApps(), 1);
      // the still-unexpired access token is refused (401 invalid_token), the refresh then fails
      await assert.rejects(api.profile.get(), (error: unknown) => error instanceof ReauthorizationRequiredError);
    });
  });
}
