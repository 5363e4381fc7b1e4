// Every migration, by name; names sort in the order they run. Append, never reorder.
import type { Migration } from "kysely/migration";
import * as initial from "./001-initial.ts";
import * as apiData from "./002-api-data.ts";
import * as searchIndex from "./003-search-index.ts";

export const migrations: Readonly<Record<string, Migration>> = {
  "001-initial": initial,
  "002-api-data": apiData,
  "003-search-index": searchIndex,
};
