// The diary, weight and exercise logs over HTTP on both databases: what a person enters is
// never lost or duplicated by a retried request (client_entry_id / Idempotency-Key, also when
// the retries race), each day's totals add up, edits keep the logged food, deletes are safe to retry.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import { databaseTargets } from "../helpers/databases.ts";
import { useSeededApiApp } from "./api-credentials.ts";

type Json = Record<string, any>; // eslint-disable-line -- tests read the JSON answers freely
const json = (response: LightMyRequestResponse): Json => JSON.parse(response.body) as Json;

const targets = await databaseTargets();
for (const target of targets) {
  describe(`API diary on ${target.dialect}`, { skip: target.skip }, () => {
    const { t, call } = useSeededApiApp(target);
    let toast: Json;
    let milk: Json;

    before(async () => {
      const find = async (expression: string, name: string) => {
        const found = json(await t.app.inject(call("GET", "/api/v1/foods/search", { search_expression: expression }))).foods.food.find((f: Json) => f.food_name === name);
        return json(await t.app.inject(call("GET", `/api/v1/foods/${found.food_id}`))).food as Json;
      };
      toast = await find("toast", "Toast, white bread");
      milk = await find("milk whole", "Milk, whole");
    });

    const create = (params: Record<string, string>, headers: Record<string, string> = {}) =>
      t.app.inject(call("POST", "/api/v1/food-entries", { food_id: toast.food_id, number_of_units: "1", meal: "breakfast", date: "2025-03-01", ...params }, headers));
    const day = async (date: string) => json(await t.app.inject(call("GET", "/api/v1/food-entries", { date }))).food_entries as Json;

    test("a create retried with the same client_entry_id returns the first entry and logs the food once", async () => {
      const first = json(await create({ client_entry_id: "phone-1", date: "2025-03-02" }));
      const retry = json(await create({ client_entry_id: "phone-1", date: "2025-03-02" }));
      assert.equal(retry.food_entry_id.value, first.food_entry_id.value);
      assert.equal((await day("2025-03-02")).food_entry.length, 1);
    });

    test("an Idempotency-Key header does the same, and ten racing retries still log the food once", async () => {
      const responses = await Promise.all(Array.from({ length: 10 }, () => create({ date: "2025-03-03" }, { "idempotency-key": "race-42" })));
      assert.ok(responses.every((r) => r.statusCode === 200), responses.map((r) => r.body).join("\n"));
      assert.equal(new Set(responses.map((r) => json(r).food_entry_id.value)).size, 1);
      assert.equal((await day("2025-03-03")).food_entry.length, 1);
    });

    test("without a key, two creates are two entries; keys are per user, so the same key is free for everyone", async () => {
      await create({ date: "2025-03-04" });
      await create({ date: "2025-03-04" });
      assert.equal((await day("2025-03-04")).food_entry.length, 2);
    });

    test("a day's entries come with its totals; the month lists each day's totals", async () => {
      const slice = (toast.servings.serving as Json[])[0] as Json;
      const cup = (milk.servings.serving as Json[])[0] as Json;
      await create({ date: "2025-04-10", number_of_units: "2", serving_id: slice.serving_id });
      await create({ date: "2025-04-10", food_id: milk.food_id, serving_id: cup.serving_id, meal: "breakfast", number_of_units: "1.5" });
      await create({ date: "2025-04-12", number_of_units: "1" });
      const april10 = await day("2025-04-10");
      assert.equal(april10.date_int, String(Date.UTC(2025, 3, 10) / 86_400_000));
      const expected = 2 * Number(slice.calories) + 1.5 * Number(cup.calories);
      assert.ok(Math.abs(Number(april10.totals.calories) - expected) < 0.01, `${april10.totals.calories} vs ${expected}`);
      assert.equal(april10.food_entry[1].food_entry_description, `1.5 x ${cup.serving_description} Milk, whole`);
      const month = json(await t.app.inject(call("GET", "/api/v1/food-entries/month", { date: "2025-04-30" }))).month as Json;
      assert.deepEqual(month.day.map((d: Json) => d.date), ["2025-04-10", "2025-04-12"]);
      assert.equal(month.day[0].calories, april10.totals.calories);
      assert.equal(month.from_date_int, String(Date.UTC(2025, 3, 1) / 86_400_000));
      assert.equal(month.to_date_int, String(Date.UTC(2025, 3, 30) / 86_400_000));
    });

    test("an edit changes the serving and units but keeps the logged food; a delete is safe to retry", async () => {
      const id = json(await create({ date: "2025-05-01" })).food_entry_id.value as string;
      const serving100g = (toast.servings.serving as Json[]).find((s) => s.serving_description === "100 g") as Json;
      const edited = await t.app.inject(call("PATCH", `/api/v1/food-entries/${id}`, { serving_id: serving100g.serving_id, number_of_units: "0.5", meal: "Dinner", food_entry_name: "Half the toast" }));
      assert.equal(edited.statusCode, 200, edited.body);
      const entry = ((await day("2025-05-01")).food_entry as Json[])[0] as Json;
      assert.deepEqual([entry.food_id, entry.meal, entry.food_entry_name, entry.number_of_units], [toast.food_id, "dinner", "Half the toast", "0.5"]);
      assert.equal(entry.calories, String(Math.round(0.5 * Number(serving100g.calories) * 1000) / 1000));
      for (let attempt = 0; attempt < 2; attempt++) {
        const deleted = await t.app.inject(call("DELETE", `/api/v1/food-entries/${id}`));
        assert.equal(deleted.statusCode, 200, deleted.body);
      }
      assert.equal((await day("2025-05-01")).food_entry.length, 0);
      assert.equal((await t.app.inject(call("PATCH", `/api/v1/food-entries/${id}`, { meal: "lunch" }))).statusCode, 404);
    });

    test("a weigh-in per day: a second one that day replaces the first", async () => {
      await t.app.inject(call("POST", "/api/v1/weights", { current_weight_kg: "72.4", date: "2025-06-01", comment: "morning" }));
      await t.app.inject(call("POST", "/api/v1/weights", { current_weight_kg: "72.1", date: "2025-06-01" }));
      await t.app.inject(call("POST", "/api/v1/weights", { current_weight_kg: "71.9", date: "2025-06-15", weight_type: "lb" }));
      const month = json(await t.app.inject(call("GET", "/api/v1/weights/month", { date: "2025-06-20" }))).month as Json;
      assert.deepEqual(month.day.map((d: Json) => [d.date, d.weight_kg, d.weight_comment]), [["2025-06-01", "72.1", undefined], ["2025-06-15", "71.9", undefined]]);
      assert.equal(json(await t.app.inject(call("GET", "/api/v1/profile"))).profile.weight_measure, "lb");
    });

    test("ten racing weigh-ins for one day leave one weight, the day's", async () => {
      const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => t.app.inject(call("POST", "/api/v1/weights", { current_weight_kg: String(80 + i), date: "2025-08-08" }))));
      assert.ok(responses.every((r) => r.statusCode === 200), responses.map((r) => r.body).join("\n"));
      const month = json(await t.app.inject(call("GET", "/api/v1/weights/month", { date: "2025-08-01" }))).month as Json;
      assert.equal(month.day.length, 1);
      assert.ok(Number(month.day[0].weight_kg) >= 80 && Number(month.day[0].weight_kg) <= 89);
    });

    test("exercise: created once per client_entry_id, listed with the day's totals, deleted", async () => {
      const first = json(await t.app.inject(call("POST", "/api/v1/exercise-entries", { exercise_name: "Cycling", minutes: "45", calories: "400", date: "2025-07-01", client_entry_id: "ride" })));
      const retry = json(await t.app.inject(call("POST", "/api/v1/exercise-entries", { exercise_name: "Cycling", minutes: "45", calories: "400", date: "2025-07-01", client_entry_id: "ride" })));
      assert.equal(retry.exercise_entry_id.value, first.exercise_entry_id.value);
      await t.app.inject(call("POST", "/api/v1/exercise-entries", { exercise_name: "Yoga", minutes: "15", calories: "40", date: "2025-07-01" }));
      const list = json(await t.app.inject(call("GET", "/api/v1/exercise-entries", { date: "2025-07-01" }))).exercise_entries as Json;
      assert.deepEqual(list.totals, { minutes: "60", calories: "440" });
      assert.equal((await t.app.inject(call("DELETE", `/api/v1/exercise-entries/${first.exercise_entry_id.value}`))).statusCode, 200);
      assert.equal((json(await t.app.inject(call("GET", "/api/v1/exercise-entries", { date: "2025-07-01" }))).exercise_entries as Json).exercise_entry.length, 1);
    });
  });
}
