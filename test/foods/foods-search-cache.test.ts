// The per-node search cache: a repeated search within FITGATE_SEARCH_CACHE_SECONDS is answered
// from memory, an expired one asks the database again, failures are not remembered, 0 turns it off.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { FoodCatalogue } from "../../src/protocol/api/store.ts";
import { cacheFoodSearches } from "../../src/store/kysely/food-search-cache.ts";

function countingCatalogue(fail = false): FoodCatalogue & { calls: number } {
  const catalogue = {
    calls: 0,
    async searchFoods() {
      catalogue.calls++;
      if (fail) throw new Error("database down");
      return { total: catalogue.calls, foods: [] };
    },
    findFood: async () => null,
    findFoodIdByBarcode: async () => null,
  };
  return catalogue;
}

test("a repeated search within the time-to-live is answered from memory, then asked again", async () => {
  let nowMs = 1_000_000;
  const inner = countingCatalogue();
  const cached = cacheFoodSearches(inner, 30, () => nowMs);
  assert.equal((await cached.searchFoods(["toast"], 0, 20)).total, 1);
  assert.equal((await cached.searchFoods(["toast"], 0, 20)).total, 1);
  assert.equal((await cached.searchFoods(["toast"], 20, 20)).total, 2, "another page is another entry");
  nowMs += 30_001;
  assert.equal((await cached.searchFoods(["toast"], 0, 20)).total, 3);
  assert.equal(inner.calls, 3);
});

test("a failed search is not remembered, and a time-to-live of 0 turns the cache off", async () => {
  const failing = countingCatalogue(true);
  const cached = cacheFoodSearches(failing, 30);
  await assert.rejects(cached.searchFoods(["x"], 0, 1));
  await assert.rejects(cached.searchFoods(["x"], 0, 1));
  assert.equal(failing.calls, 2);
  const inner = countingCatalogue();
  assert.equal(cacheFoodSearches(inner, 0), inner);
});
