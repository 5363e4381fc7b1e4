// Where an app keeps its OAuth 2 tokens between calls (and between runs). Any storage works:
// implement these three functions over a database row, a keychain, an encrypted cookie.
import type { TokenSet } from "../oauth2/token-response.ts";

export type TokenStore = Readonly<{
  /** null when nothing is stored under this key */
  load(key: string): Promise<TokenSet | null>;
  save(key: string, tokens: TokenSet): Promise<void>;
  delete(key: string): Promise<void>;
}>;
