// The API's storage port (protocol/api/store.ts) on one Kysely database.
import type { ApiStore } from "../../protocol/api/store.ts";
import { exerciseLogOf } from "./exercises.ts";
import { diaryOf } from "./food-entries.ts";
import { cacheFoodSearches } from "./food-search-cache.ts";
import { foodCatalogueOf } from "./foods.ts";
import type { Db } from "./schema.ts";
import { weightLogOf } from "./weights.ts";

export function apiStoreOf(db: Db, options: { searchCacheSeconds?: number } = {}): ApiStore {
  return {
    ...cacheFoodSearches(foodCatalogueOf(db), options.searchCacheSeconds ?? 0),
    ...diaryOf(db),
    ...weightLogOf(db),
    ...exerciseLogOf(db),
    async findUserEmail(userId) {
      const row = await db.selectFrom("users").select("email").where("id", "=", userId).executeTakeFirst();
      return row?.email ?? null;
    },
  };
}
