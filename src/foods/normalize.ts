// Search text normalization, shared by indexing and querying so both sides agree: Unicode
// compatibility decomposition, accents dropped, lower case, words of [a-z0-9] only, and a light
// English singular so "eggs", "berries" and "tomatoes" find "egg", "berry" and "tomato".

const FOLDED_LETTERS: Readonly<Record<string, string>> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i" };

/** "Crème Brûlée, 2%" → "creme brulee 2" */
export function normalizeSearchText(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => FOLDED_LETTERS[letter] ?? letter)
    .replace(/[^a-z0-9]+/g, " ").trim();
}

/** the singular a plural word is indexed under as well */
export function singularOf(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(oes|ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

export type IndexedTerm = Readonly<{ term: string; position: number }>;

/** the distinct terms a food is found by: every word of its name (then brand) and its singular */
export function indexTermsOf(name: string, brandName: string | null): IndexedTerm[] {
  const words = normalizeSearchText(`${name} ${brandName ?? ""}`).split(" ").filter((w) => w !== "");
  const terms = new Map<string, number>();
  words.forEach((word, position) => {
    for (const term of [word, singularOf(word)]) {
      if (term.length <= 64 && !terms.has(term)) terms.set(term, position);
    }
  });
  return [...terms].map(([term, position]) => ({ term, position }));
}

/** the word prefixes a search expression asks for, at most `limit` of them, longest kept */
export function queryPrefixesOf(expression: string, limit = 8): string[] {
  const words = [...new Set(normalizeSearchText(expression).split(" ").filter((w) => w !== "").map(singularOf))];
  return words.slice(0, limit);
}

/** the smallest string greater than every string starting with `prefix` (byte order) */
export function prefixUpperBound(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}
