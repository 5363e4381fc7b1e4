// Bad input of every kind on the protected API: each answered in the API's error format with
// its code from the table and the right status, never a 500 — types, ranges, unknown methods,
// huge values, malformed bodies, wrong content types, unknown paths.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { API_ERROR_CODES } from "../../src/protocol/api/errors.ts";
import { API_METHODS } from "../../src/protocol/api/methods.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { useSeededApiApp } from "./api-credentials.ts";

const DOCUMENTED = new Map(API_ERROR_CODES.map((c) => [c.code, c.status]));

function assertApiError(response: LightMyRequestResponse, status: number, code: number, label: string): void {
  assert.equal(response.statusCode, status, `${label}: ${response.body}`);
  assert.match(String(response.headers["content-type"]), /^application\/json/, label);
  const json = JSON.parse(response.body) as { error: { code: number; message: string } };
  assert.deepEqual(Object.keys(json), ["error"], label);
  assert.equal(json.error.code, code, `${label}: ${response.body}`);
  assert.ok(DOCUMENTED.has(code), `${label}: code ${code} is in the documented table`);
  assert.ok(json.error.message.length > 0 && !/\n\s+at /.test(json.error.message), `${label}: a message, no stack`);
}

const targets = await databaseTargets();
for (const target of targets) describe(`API errors on ${target.dialect}`, { skip: target.skip }, () => {
  const { t, call, token } = useSeededApiApp(target);

  const api = (params: Record<string, string>, headers: Record<string, string> = {}) => call("POST", "/rest/server.api", { format: "json", ...params }, headers);
  const entry = { method: "food_entry.create", food_id: "1", number_of_units: "1", meal: "lunch" };

  const rows: [string, () => InjectOptions, number, number][] = [
    ["an unknown method", () => api({ method: "foods.serch" }), 400, 104],
    ["no method", () => api({}), 400, 101],
    ["format=xml", () => api({ method: "foods.search", search_expression: "x", format: "xml" }), 400, 108],
    ["a missing required parameter", () => api({ method: "foods.search" }), 400, 101],
    ["an empty required parameter", () => api({ method: "foods.search", search_expression: "   " }), 400, 101],
    ["max_results above 50", () => api({ method: "foods.search", search_expression: "toast", max_results: "51" }), 400, 107],
    ["max_results as text", () => api({ method: "foods.search", search_expression: "toast", max_results: "ten" }), 400, 108],
    ["max_results in exponent notation", () => api({ method: "foods.search", search_expression: "toast", max_results: "1e1" }), 400, 108],
    ["a negative page_number", () => api({ method: "foods.search", search_expression: "toast", page_number: "-1" }), 400, 107],
    ["a huge page_number", () => api({ method: "foods.search", search_expression: "toast", page_number: "9".repeat(400) }), 400, 108],
    ["a search expression over 200 characters", () => api({ method: "foods.search", search_expression: "a".repeat(201) }), 400, 107],
    ["a NUL character", () => api({ method: "foods.search", search_expression: "toast\u0000" }), 400, 108],
    ["food_id 0", () => api({ method: "food.get", food_id: "0" }), 400, 107],
    ["a fractional food_id", () => api({ method: "food.get", food_id: "1.5" }), 400, 108],
    ["an unknown food_id", () => api({ method: "food.get", food_id: "999999999" }), 404, 106],
    ["an unknown food on the REST route", () => call("GET", "/api/v1/foods/424242"), 404, 106],
    ["a non-numeric food id in the REST path", () => call("GET", "/api/v1/foods/abc"), 400, 108],
    ["a barcode with letters", () => api({ method: "food.find_id_for_barcode", barcode: "abc" }), 400, 108],
    ["a barcode with a wrong check digit", () => api({ method: "food.find_id_for_barcode", barcode: "0041570054162" }), 400, 108],
    ["an unknown meal", () => api({ ...entry, meal: "brunch" }), 400, 108],
    ["zero units", () => api({ ...entry, number_of_units: "0" }), 400, 107],
    ["a billion units", () => api({ ...entry, number_of_units: "1000000000" }), 400, 107],
    ["units as Infinity", () => api({ ...entry, number_of_units: "Infinity" }), 400, 108],
    ["February 30th", () => api({ ...entry, date: "2025-02-30" }), 400, 108],
    ["a date after 2099", () => api({ ...entry, date: "99999" }), 400, 107],
    ["a date in another format", () => api({ ...entry, date: "21/11/2025" }), 400, 108],
    ["an unknown food in the diary", () => api({ ...entry, food_id: "999999999" }), 404, 106],
    ["a serving of another food", () => api({ ...entry, serving_id: "999999999" }), 404, 106],
    ["an entry name of 300 characters", () => api({ ...entry, food_entry_name: "x".repeat(300) }), 400, 107],
    ["a client_entry_id of 65 characters", () => api({ ...entry, client_entry_id: "k".repeat(65) }), 400, 107],
    ["an Idempotency-Key of 65 characters", () => api(entry, { "idempotency-key": "k".repeat(65) }), 400, 107],
    ["an Idempotency-Key with a space", () => api(entry, { "idempotency-key": "a b" }), 400, 108],
    ["an edit that changes nothing", () => api({ method: "food_entry.edit", food_entry_id: "1" }), 400, 101],
    ["a negative weight", () => api({ method: "weight.update", current_weight_kg: "-5" }), 400, 107],
    ["a weight of NaN", () => api({ method: "weight.update", current_weight_kg: "NaN" }), 400, 108],
    ["zero minutes of exercise", () => api({ method: "exercise_entry.create", exercise_name: "Running", minutes: "0" }), 400, 107],
    ["a day and a minute of exercise", () => api({ method: "exercise_entry.create", exercise_name: "Running", minutes: "1441" }), 400, 107],
    ["invalid JSON", () => ({ method: "POST", url: "/rest/server.api", headers: { authorization: `Bearer ${token()}`, "content-type": "application/json" }, payload: "{\"method\":" }), 400, 110],
    ["a JSON array body", () => ({ method: "POST", url: "/rest/server.api", headers: { authorization: `Bearer ${token()}`, "content-type": "application/json" }, payload: "[1,2]" }), 400, 110],
    ["a JSON parameter that is an object", () => ({ method: "POST", url: "/rest/server.api", headers: { authorization: `Bearer ${token()}`, "content-type": "application/json" }, payload: JSON.stringify({ method: "foods.search", search_expression: { $ne: 1 } }) }), 400, 108],
    ["a body of 2 MB", () => ({ method: "POST", url: "/rest/server.api", headers: { authorization: `Bearer ${token()}`, "content-type": "application/x-www-form-urlencoded" }, payload: `method=foods.search&search_expression=${"a".repeat(2 * 1024 * 1024)}` }), 413, 111],
    ["a text/plain body", () => ({ method: "POST", url: "/rest/server.api", headers: { authorization: `Bearer ${token()}`, "content-type": "text/plain" }, payload: "method=foods.search" }), 415, 112],
    ["an unknown API path", () => call("GET", "/api/v1/nothing-here"), 404, 104],
    ["an unknown /rest path", () => call("GET", "/rest/other.api"), 404, 104],
    ["a malformed Authorization header", () => ({ method: "GET", url: "/api/v1/foods/search?search_expression=x", headers: { authorization: "Bearer a b c" } }), 400, 13],
  ];

  for (const [label, request, status, code] of rows) {
    test(`${label} is answered ${status} with code ${code}`, async () => {
      assertApiError(await t.app.inject(request()), status, code, label);
    });
  }

  test("nasty values in every parameter of every method never cause a 500", async () => {
    const nasty = ["", " ", "-1", "0", "1e309", "9".repeat(400), "💥", "null", "[]", "' OR 1=1 --", "%00", "../../etc/passwd", "２０", "0x10", "1,5"];
    for (const method of API_METHODS) {
      for (const spec of method.parameters) {
        for (const value of nasty) {
          const response = await t.app.inject(api({ method: method.name, [spec.name]: value, food_id: "1", number_of_units: "1", meal: "other", exercise_name: "Yoga", minutes: "5", current_weight_kg: "70", search_expression: "toast", expression: "to", barcode: "96385074", food_entry_id: "1", exercise_entry_id: "1" }));
          assert.ok(response.statusCode < 500, `${method.name} ${spec.name}=${JSON.stringify(value)}: ${response.statusCode} ${response.body}`);
          if (response.statusCode >= 400) assert.ok(DOCUMENTED.has((JSON.parse(response.body) as { error: { code: number } }).error.code));
        }
      }
    }
  });

  test("the seed's request shape works: POST with Content-Type: application/json and the parameters in the query string", async () => {
    const response = await t.app.inject({
      method: "POST", url: "/rest/server.api?method=foods.search&search_expression=toast&format=json",
      headers: { authorization: `Bearer ${token()}`, "content-type": "application/json" },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.ok((JSON.parse(response.body) as { foods: { food: { food_name: string }[] } }).foods.food.some((f) => f.food_name.startsWith("Toast")));
    const literal = await t.app.inject({
      method: "POST", url: "/rest/server.api",
      headers: { authorization: `Bearer ${token()}`, "content-type": "application/json" }, payload: "method=foods.search&search_expression=toast&format=json",
    });
    assert.equal(literal.statusCode, 200, literal.body);
  });

  test("a JSON object body carries parameters, numbers included", async () => {
    const response = await t.app.inject({
      method: "POST", url: "/rest/server.api", headers: { authorization: `Bearer ${token()}`, "content-type": "application/json" },
      payload: JSON.stringify({ method: "foods.search", search_expression: "milk", max_results: 2, page_number: 0 }),
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal((JSON.parse(response.body) as { foods: { food: unknown[] } }).foods.food.length, 2);
  });
});
