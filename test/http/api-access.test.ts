// Who may call what on the protected API (SPEC §4), with real credentials from fitgate's own
// endpoints: every method through each of the four ways of calling, scope denials, user data
// refused to client-only credentials, two users kept apart, revoked grants refused.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { upsertFoods } from "../../src/store/kysely/foods.ts";
import { findLiveGrant, revokeGrant } from "../../src/store/kysely/grants.ts";
import { createTestClient, type AppUnderTest } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { ISSUER, signerFor } from "../oauth1/oauth1-helpers.ts";
import { bearerRequest, CATALOGUE_SCOPES, clientCredentialsBearer, createApiCredentials, userBearer, type ApiCredential } from "./api-credentials.ts";
import { useTestApp } from "../helpers/suite.ts";

const BARCODE = "0041570054161";

function body(response: LightMyRequestResponse): Record<string, any> { // eslint-disable-line -- test reads JSON freely
  return JSON.parse(response.body) as Record<string, any>; // eslint-disable-line
}

/** oauth-1.0a's signed parameters (the timestamp is a number) as strings */
const asParams = (values: object) => Object.fromEntries(Object.entries(values).map(([name, value]) => [name, String(value)]));

function assertError(response: LightMyRequestResponse, status: number, code: number): void {
  assert.equal(response.statusCode, status, response.body);
  assert.equal(body(response).error.code, code, response.body);
  assert.equal(typeof body(response).error.message, "string");
}

async function serverApi(t: AppUnderTest, credential: ApiCredential, params: Record<string, string>): Promise<LightMyRequestResponse> {
  return t.app.inject(credential.request("POST", "/rest/server.api", { ...params, format: "json" }));
}

const targets = await databaseTargets();
for (const target of targets) {
  describe(`API access on ${target.dialect}`, { skip: target.skip }, () => {
    const t = useTestApp(target, { seedFoods: true });
    let credentials: ApiCredential[];
    let toastId: string;
    const credential = (kind: ApiCredential["kind"]) => credentials.find((c) => c.kind === kind) as ApiCredential;

    before(async () => {
      await upsertFoods(t.deps.db, [{
        sourceKey: "test:almond", name: "Almond milk, unsweetened", brandName: "Example Farms", foodType: "Brand", foodGroup: null,
        source: "test fixture", barcode: BARCODE,
        servings: [{ servingDescription: "1 cup", measurementDescription: "cup", numberOfUnits: 1, metricServingAmount: 240, metricServingUnit: "ml", nutrients: { calories: 30, carbohydrate: 1, protein: 1, fat: 2.5, saturatedFat: 0, fiber: 1, sugar: 0, sodium: 170, cholesterol: 0 } }],
      }], new Date());
      credentials = await createApiCredentials(t);
      const search = await serverApi(t, credential("client-credentials"), { method: "foods.search", search_expression: "toast white" });
      toastId = body(search).foods.food[0].food_id;
    });

    const catalogueCalls = (): [string, Record<string, string>, (json: Record<string, any>) => void][] => [ // eslint-disable-line
      ["foods.search", { search_expression: "toast" }, (json) => assert.ok(json.foods.food.some((f: { food_name: string }) => f.food_name === "Toast, white bread"))],
      ["food.get", { food_id: toastId }, (json) => assert.equal(json.food.food_name, "Toast, white bread")],
      ["foods.autocomplete", { expression: "toa" }, (json) => assert.ok(json.suggestions.suggestion.includes("toast white bread"))],
      ["food.find_id_for_barcode", { barcode: "041570054161" }, (json) => assert.notEqual(json.food_id.value, "0")],
    ];

    for (const kind of ["client-credentials", "user-bearer", "oauth1-2-legged", "oauth1-3-legged"] as const) {
      test(`every catalogue method answers ${kind} credentials, on /rest/server.api and on its REST route`, async () => {
        for (const [method, params, check] of catalogueCalls()) {
          const response = await serverApi(t, credential(kind), { method, ...params });
          assert.equal(response.statusCode, 200, `${method}: ${response.body}`);
          check(body(response));
        }
        const rest = await t.app.inject(credential(kind).request("GET", `/api/v1/foods/${toastId}`));
        assert.equal(rest.statusCode, 200, rest.body);
        assert.equal(body(rest).food.food_id, toastId);
        const search = await t.app.inject(credential(kind).request("GET", "/api/v1/foods/search", { search_expression: "TOAST" }));
        assert.equal(body(search).foods.total_results, "4");
      });
    }

    for (const kind of ["user-bearer", "oauth1-3-legged"] as const) {
      test(`every user method works for a user's grant through ${kind}`, async () => {
        const c = credential(kind);
        const created = await serverApi(t, c, { method: "food_entry.create", food_id: toastId, number_of_units: "2", meal: "breakfast", date: "2025-11-21" });
        assert.equal(created.statusCode, 200, created.body);
        const entryId = body(created).food_entry_id.value as string;
        assert.equal((await serverApi(t, c, { method: "food_entry.edit", food_entry_id: entryId, number_of_units: "3" })).statusCode, 200);
        const day = body(await serverApi(t, c, { method: "food_entries.get", date: "20413" }));
        assert.equal(day.food_entries.food_entry.length, 1);
        assert.equal(day.food_entries.food_entry[0].number_of_units, "3");
        assert.equal(day.food_entries.totals.calories, String(Math.round(3 * 22 * 2.93 * 1000) / 1000));
        const month = body(await serverApi(t, c, { method: "food_entries.get_month", date: "2025-11-01" }));
        assert.deepEqual(month.month.day.map((d: { date: string }) => d.date), ["2025-11-21"]);
        assert.equal((await serverApi(t, c, { method: "weight.update", current_weight_kg: "80.5", date: "2025-11-21", goal_weight_kg: "75", current_height_cm: "180" })).statusCode, 200);
        const weights = body(await serverApi(t, c, { method: "weights.get_month", date: "2025-11-03" }));
        assert.deepEqual(weights.month.day.map((d: { weight_kg: string }) => d.weight_kg), ["80.5"]);
        const profile = body(await serverApi(t, c, { method: "profile.get" }));
        assert.equal(profile.profile.user_id, c.userId);
        assert.equal(profile.profile.last_weight_kg, "80.5");
        assert.equal(profile.profile.goal_weight_kg, "75");
        const exercise = await serverApi(t, c, { method: "exercise_entry.create", exercise_name: "Running", minutes: "30", date: "20413" });
        assert.equal(exercise.statusCode, 200, exercise.body);
        const exercises = body(await serverApi(t, c, { method: "exercise_entries.get", date: "20413" }));
        assert.equal(exercises.exercise_entries.exercise_entry[0].calories, String(Math.round(9.8 * 80.5 * 0.5)));
        assert.equal((await serverApi(t, c, { method: "exercise_entry.delete", exercise_entry_id: body(exercise).exercise_entry_id.value })).statusCode, 200);
        assert.equal((await serverApi(t, c, { method: "food_entry.delete", food_entry_id: entryId })).statusCode, 200);
        assert.equal(body(await serverApi(t, c, { method: "food_entries.get", date: "20413" })).food_entries.food_entry.length, 0);
      });
    }

    const userMethods = ["profile.get", "food_entries.get", "food_entries.get_month", "food_entry.create", "food_entry.edit", "food_entry.delete",
      "weight.update", "weights.get_month", "exercise_entries.get", "exercise_entry.create", "exercise_entry.delete"];
    for (const kind of ["client-credentials", "oauth1-2-legged"] as const) {
      test(`${kind} calls to every user method are refused with code 15, whatever the parameters`, async () => {
        for (const method of userMethods) {
          const response = await serverApi(t, credential(kind), { method, food_entry_id: "1", exercise_entry_id: "1" });
          assertError(response, 403, 15);
          if (kind === "client-credentials") assert.match(String(response.headers["www-authenticate"]), /^Bearer .*error="insufficient_scope"/);
        }
      });
    }

    test("a token without the method's scope is refused with code 14 and an RFC 6750 insufficient_scope challenge", async () => {
      const { client, secrets } = await createTestClient(t.deps);
      assert.ok(secrets);
      const basicOnly = bearerRequest(await clientCredentialsBearer(t, client.id, secrets.clientSecret, "basic"));
      assert.equal((await t.app.inject(basicOnly("GET", "/api/v1/foods/search", { search_expression: "toast" }))).statusCode, 200);
      for (const [path, params, scope] of [["/api/v1/foods/autocomplete", { expression: "to" }, "premier"], ["/api/v1/foods/barcode", { barcode: BARCODE }, "barcode"]] as const) {
        const response = await t.app.inject(basicOnly("GET", path, params));
        assertError(response, 403, 14);
        assert.equal(response.headers["www-authenticate"], `Bearer realm="fitgate", error="insufficient_scope", error_description="The access token lacks the scope ${scope}", scope="${scope}"`);
      }
      const readOnly = bearerRequest((await userBearer(t, client.id, secrets.clientSecret, `${CATALOGUE_SCOPES} diary:read`)).token);
      assert.equal((await t.app.inject(readOnly("GET", "/api/v1/food-entries"))).statusCode, 200);
      assertError(await t.app.inject(readOnly("POST", "/api/v1/food-entries", { food_id: toastId, number_of_units: "1", meal: "lunch" })), 403, 14);
      assertError(await t.app.inject(readOnly("GET", "/api/v1/weights/month")), 403, 14);
      assertError(await t.app.inject(readOnly("GET", "/api/v1/profile")), 403, 14);
    });

    test("one user's credentials never read, change or delete another user's entries", async () => {
      const [alice, bob] = [credential("user-bearer"), credential("oauth1-3-legged")];
      const created = body(await serverApi(t, alice, { method: "food_entry.create", food_id: toastId, number_of_units: "1", meal: "lunch", date: "2025-01-02" }));
      const entryId = created.food_entry_id.value as string;
      const exercise = body(await serverApi(t, alice, { method: "exercise_entry.create", exercise_name: "Walking", minutes: "20", date: "2025-01-02" }));
      await serverApi(t, alice, { method: "weight.update", current_weight_kg: "61", date: "2025-01-02" });
      assertError(await serverApi(t, bob, { method: "food_entries.get", food_entry_id: entryId }), 404, 106);
      assertError(await serverApi(t, bob, { method: "food_entry.edit", food_entry_id: entryId, meal: "dinner" }), 404, 106);
      assertError(await serverApi(t, bob, { method: "food_entry.delete", food_entry_id: entryId }), 404, 106);
      assertError(await serverApi(t, bob, { method: "exercise_entry.delete", exercise_entry_id: exercise.exercise_entry_id.value }), 404, 106);
      assert.equal(body(await serverApi(t, bob, { method: "food_entries.get", date: "2025-01-02" })).food_entries.food_entry.length, 0);
      assert.equal(body(await serverApi(t, bob, { method: "exercise_entries.get", date: "2025-01-02" })).exercise_entries.exercise_entry.length, 0);
      assert.equal(body(await serverApi(t, bob, { method: "weights.get_month", date: "2025-01-02" })).month.day.length, 0);
      const alicesDay = body(await serverApi(t, alice, { method: "food_entries.get", date: "2025-01-02" }));
      assert.equal(alicesDay.food_entries.food_entry[0].meal, "lunch");
    });

    test("a grant the user revokes on the connected-apps page stops its tokens: Bearer 401 invalid_token (13), OAuth 1 401 (9)", async () => {
      const fresh = await createApiCredentials(t);
      for (const kind of ["user-bearer", "oauth1-3-legged"] as const) {
        const c = fresh.find((x) => x.kind === kind) as ApiCredential;
        assert.equal((await t.app.inject(c.request("GET", "/api/v1/profile"))).statusCode, 200);
        const grant = await findLiveGrant(t.deps.db, c.userId as string, c.clientId);
        assert.ok(grant && c.pages);
        assert.equal((await c.pages.submit("/account/apps", `/account/apps/${grant.id}/revoke`, {})).statusCode, 303);
        const response = await t.app.inject(c.request("GET", "/api/v1/profile"));
        if (kind === "user-bearer") {
          assertError(response, 401, 13);
          assert.match(String(response.headers["www-authenticate"]), /^Bearer realm="fitgate", error="invalid_token"/);
        } else {
          assertError(response, 401, 9);
        }
      }
    });

    test("a grant an operator revokes stops its tokens too", async () => {
      const c = (await createApiCredentials(t)).find((x) => x.kind === "oauth1-3-legged") as ApiCredential;
      const grant = await findLiveGrant(t.deps.db, c.userId as string, c.clientId);
      assert.ok(grant);
      await revokeGrant(t.deps.db, grant.id, new Date());
      assertError(await t.app.inject(c.request("POST", "/rest/server.api", { method: "food_entries.get", format: "json" })), 401, 9);
    });

    test("OAuth 1 protocol parameters in the query string or the form body work as well as in the header", async () => {
      const { client, secrets } = await createTestClient(t.deps);
      assert.ok(secrets && client.consumerKey);
      const oauth = signerFor({ key: client.consumerKey, secret: secrets.consumerSecret, clientId: client.id });
      const query = { method: "foods.search", search_expression: "toast", format: "json" };
      const signedGet = oauth.authorize({ method: "GET", url: `${ISSUER}/rest/server.api?${new URLSearchParams(query)}` });
      const viaQuery = await t.app.inject({ method: "GET", url: `/rest/server.api?${new URLSearchParams(asParams({ ...query, ...signedGet }))}` });
      assert.equal(viaQuery.statusCode, 200, viaQuery.body);
      const signedPost = oauth.authorize({ method: "POST", url: `${ISSUER}/rest/server.api`, data: query });
      const viaBody = await t.app.inject({
        method: "POST", url: "/rest/server.api", headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(asParams({ ...query, ...signedPost })).toString(),
      });
      assert.equal(viaBody.statusCode, 200, viaBody.body);
      assert.equal(JSON.parse(viaBody.body).foods.total_results, "4");
      const fresh = oauth.authorize({ method: "GET", url: `${ISSUER}/rest/server.api?${new URLSearchParams(query)}` });
      const tampered = await t.app.inject({ method: "GET", url: `/rest/server.api?${new URLSearchParams(asParams({ ...query, ...fresh, search_expression: "milk" }))}` });
      assertError(tampered, 401, 8);
    });

    test("no credentials, or a forged Bearer token, get 401 with an RFC 6750 challenge", async () => {
      const none = await t.app.inject({ method: "GET", url: "/rest/server.api?method=foods.search&search_expression=toast&format=json" });
      assertError(none, 401, 10);
      assert.equal(none.headers["www-authenticate"], `Bearer realm="fitgate"`);
      const forged = await t.app.inject({ method: "GET", url: "/api/v1/foods/search?search_expression=toast", headers: { authorization: "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." } });
      assertError(forged, 401, 13);
      assert.match(String(forged.headers["www-authenticate"]), /error="invalid_token"/);
    });
  });
}
