// Repeated searches ("toast", "chicken") answered from memory for a few seconds: the catalogue
// only changes on seeding and imports, so a node may serve a page up to `ttlSeconds` old
// (FITGATE_SEARCH_CACHE_SECONDS, default 30, 0 turns it off). Bounded in entries; the oldest
// entry goes first. Nothing that matters lives here: every node can answer without it.
import type { FoodCatalogue, FoodSearchPage } from "../../protocol/api/store.ts";

const MAX_ENTRIES = 1_000;

export function cacheFoodSearches(catalogue: FoodCatalogue, ttlSeconds: number, now: () => number = Date.now): FoodCatalogue {
  if (ttlSeconds <= 0) return catalogue;
  const pages = new Map<string, { page: Promise<FoodSearchPage>; expiresAt: number }>();
  return {
    ...catalogue,
    searchFoods(prefixes, offset, limit) {
      const key = JSON.stringify([prefixes, offset, limit]);
      const cached = pages.get(key);
      if (cached !== undefined && cached.expiresAt > now()) return cached.page;
      pages.delete(key);
      if (pages.size >= MAX_ENTRIES) pages.delete(pages.keys().next().value as string);
      const page = catalogue.searchFoods(prefixes, offset, limit);
      pages.set(key, { page, expiresAt: now() + ttlSeconds * 1000 });
      page.catch(() => pages.delete(key)); // a failed search is not remembered
      return page;
    },
  };
}
