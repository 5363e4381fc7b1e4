// The method table (SPEC §4): every operation by its FatSecret name, each reachable both as
// `method=NAME` on /rest/server.api and as its REST route under /api/v1.
import { exerciseEntriesGet, exerciseEntryCreate, exerciseEntryDelete, profileGet, weightsGetMonth, weightUpdate } from "./body-methods.ts";
import { foodEntriesGet, foodEntriesGetMonth, foodEntryCreate, foodEntryDelete, foodEntryEdit } from "./diary-methods.ts";
import { foodFindIdForBarcode, foodGet, foodsAutocomplete, foodsSearch } from "./food-methods.ts";
import type { ApiMethod } from "./method.ts";

export const API_METHODS: readonly ApiMethod[] = Object.freeze([
  foodsSearch, foodGet, foodsAutocomplete, foodFindIdForBarcode,
  profileGet,
  foodEntriesGet, foodEntriesGetMonth, foodEntryCreate, foodEntryEdit, foodEntryDelete,
  weightUpdate, weightsGetMonth,
  exerciseEntriesGet, exerciseEntryCreate, exerciseEntryDelete,
]);

const BY_NAME = new Map(API_METHODS.map((m) => [m.name, m]));

export function findApiMethod(name: string): ApiMethod | null {
  return BY_NAME.get(name) ?? null;
}
