// Minting access tokens and the RFC 6749 §5.1 token response.
import { createAccessTokenClaims, signAccessToken, type AccessTokenClaims } from "../protocol/oauth2/access-token.ts";
import type { AppDeps } from "./deps.ts";
import { findCurrentSigningKey } from "./oauth2-keys.ts";

export type IssuedAccessToken = Readonly<{ accessToken: string; claims: AccessTokenClaims; expiresInSeconds: number }>;

export async function issueAccessToken(deps: AppDeps, input: {
  subject: string;
  clientId: string;
  scopes: readonly string[];
  grantId: string | null;
  expiresInSeconds: number;
  now: Date;
}): Promise<IssuedAccessToken> {
  const claims = createAccessTokenClaims({ issuer: deps.config.issuer, ...input });
  const accessToken = await signAccessToken(claims, await findCurrentSigningKey(deps));
  return { accessToken, claims, expiresInSeconds: input.expiresInSeconds };
}

export type TokenResponse = Readonly<{
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token?: string;
  scope: string;
  /** MapMyFitness's token responses name the user (seed 001) */
  user_id?: string;
}>;

/** RFC 6749 §5.1 */
export function createTokenResponse(issued: IssuedAccessToken, refreshToken: string | null, userId: string | null): TokenResponse {
  return {
    access_token: issued.accessToken,
    token_type: "Bearer",
    expires_in: issued.expiresInSeconds,
    ...(refreshToken === null ? {} : { refresh_token: refreshToken }),
    scope: issued.claims.scope,
    ...(userId === null ? {} : { user_id: userId }),
  };
}
