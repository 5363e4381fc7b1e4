// A registered application, as the rest of fitgate sees it. It is one record with two faces:
// an OAuth 2 client (client id + secret) and an OAuth 1 consumer (consumer key + secret).
import type { ApplicationInput } from "./application-input.ts";

/** what the developer registered, plus the identifiers and secrets fitgate issued */
export type Client = ApplicationInput & Readonly<{
  id: string;
  /** null when an operator registered it from the CLI */
  ownerId: string | null;
  /** SHA-256 hex of the OAuth 2 client secret; null for public clients */
  secretHash: string | null;
  consumerKey: string | null;
  /** sealed with the master key; open it only to sign or verify */
  consumerSecretSealed: string | null;
  createdAt: Date;
  updatedAt: Date;
  secretRotatedAt: Date;
}>;
