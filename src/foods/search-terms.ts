// The rows a food is found by in the search index (migration 003-search-index): each indexed
// term with the food's ranking inputs, so a search ranks from the index alone.
import type { FoodRecord } from "./food-record.ts";
import { indexTermsOf } from "./normalize.ts";

/** sources whose foods are the curated everyday foods (foods/everyday.ts), ranked before raw ingredients that tie with them */
export const CURATED_SOURCE_PREFIX = "fitgate:";

export type SearchTermRow = Readonly<{
  term: string;
  position: number;
  /** 0 for curated everyday foods, 1 for the rest */
  rankGroup: number;
  /** the name's length in characters (code points), as SQL's length() counts */
  nameLength: number;
  /** the food's previous term in byte order, null for its first */
  prevTerm: string | null;
  /** the smallest and largest of the food's terms at position 0 */
  leadMin: string | null;
  leadMax: string | null;
  /** all the food's terms in byte order, with a space before, between and after each */
  allTerms: string;
}>;

export function searchTermRowsOf(food: Pick<FoodRecord, "sourceKey" | "name" | "brandName">): SearchTermRow[] {
  const terms = indexTermsOf(food.name, food.brandName).sort((a, b) => compareBytes(a.term, b.term));
  const leads = terms.filter((t) => t.position === 0).map((t) => t.term);
  const rankGroup = food.sourceKey.startsWith(CURATED_SOURCE_PREFIX) ? 0 : 1;
  const nameLength = [...food.name].length;
  const allTerms = ` ${terms.map((t) => t.term).join(" ")} `;
  return terms.map((t, i) => ({
    term: t.term, position: t.position, rankGroup, nameLength,
    prevTerm: terms[i - 1]?.term ?? null, leadMin: leads[0] ?? null, leadMax: leads[leads.length - 1] ?? null, allTerms,
  }));
}

/** terms are [a-z0-9] only, so UTF-16 order is byte order; spelled out for what the databases compare */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
