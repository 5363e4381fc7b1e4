// The default token store: a Map in this process. Tokens are lost on exit.
import type { TokenSet } from "../oauth2/token-response.ts";
import type { TokenStore } from "./token-store.ts";

export function createMemoryTokenStore(initial: Readonly<Record<string, TokenSet>> = {}): TokenStore {
  const tokensByKey = new Map<string, TokenSet>(Object.entries(initial));
  return {
    load: async (key) => tokensByKey.get(key) ?? null,
    save: async (key, tokens) => {
      tokensByKey.set(key, tokens);
    },
    delete: async (key) => {
      tokensByKey.delete(key);
    },
  };
}
