// A registered application, as the rest of fitgate sees it. It is one record with two faces:
// an OAuth 2 client (client id + secret) and an OAuth 1 consumer (consumer key + secret).
import type { ClientType } from "./application-input.ts";

export type Client = Readonly<{
  id: string;
  /** null when an operator registered it from the CLI */
  ownerId: string | null;
  name: string;
  description: string;
  website: string;
  type: ClientType;
  /** SHA-256 hex of the OAuth 2 client secret; null for public clients */
  secretHash: string | null;
  consumerKey: string | null;
  /** sealed with the master key; open it only to sign or verify */
  consumerSecretSealed: string | null;
  redirectUris: readonly string[];
  callbackUrls: readonly string[];
  scopes: readonly string[];
  defaultScopes: readonly string[];
  cidrs: readonly string[];
  refreshRotation: boolean;
  mayIntrospect: boolean;
  createdAt: Date;
  updatedAt: Date;
  secretRotatedAt: Date;
}>;
