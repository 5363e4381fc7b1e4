// The scope catalogue of SPEC §2 and §4. Client scopes open the shared food catalogue (the
// FatSecret list of seed 004); user scopes open one person's own data and need their consent.

export type ScopeKind = "client" | "user";

export type ScopeDefinition = Readonly<{
  name: string;
  kind: ScopeKind;
  /** plain words for the consent page: what the app will be able to do */
  description: string;
}>;

export const SCOPE_CATALOGUE: readonly ScopeDefinition[] = Object.freeze([
  { name: "basic", kind: "client", description: "Search the food database and read food details" },
  { name: "premier", kind: "client", description: "Use food search autocompletion" },
  { name: "barcode", kind: "client", description: "Look foods up by their barcode" },
  { name: "localization", kind: "client", description: "Get food results for a country and language" },
  { name: "nlp", kind: "client", description: "Recognise foods in free text" },
  { name: "image-recognition", kind: "client", description: "Recognise foods in photos" },
  { name: "profile", kind: "user", description: "See your fitgate profile (your user id and email address)" },
  { name: "diary:read", kind: "user", description: "See the foods you logged in your food diary" },
  { name: "diary:write", kind: "user", description: "Add, change and delete foods in your food diary" },
  { name: "weight:read", kind: "user", description: "See your weight history" },
  { name: "weight:write", kind: "user", description: "Record your weight" },
  { name: "exercise:read", kind: "user", description: "See the exercise you logged" },
  { name: "exercise:write", kind: "user", description: "Add and delete exercise in your log" },
] as const);

const BY_NAME = new Map(SCOPE_CATALOGUE.map((s) => [s.name, s]));

export function findScope(name: string): ScopeDefinition | null {
  return BY_NAME.get(name) ?? null;
}

/** RFC 6749 §3.3: space-delimited, order irrelevant, duplicates meaningless */
export function parseScopeString(value: string): string[] {
  return [...new Set(value.split(" ").filter((s) => s !== ""))];
}

export function formatScopes(scopes: readonly string[]): string {
  return [...new Set(scopes)].join(" ");
}
