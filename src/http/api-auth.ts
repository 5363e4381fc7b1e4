// Who is calling the API (SPEC §4): `Authorization: Bearer` → the OAuth 2 verifier; OAuth 1
// protocol parameters in the header, query or form body → the OAuth 1 signature verifier;
// neither → 401 with an RFC 6750 §3 challenge. Both verifiers check that the grant is live,
// so a revoked grant's tokens stop here.
import type { FastifyRequest } from "fastify";
import type { ApiCaller } from "../protocol/api-caller.ts";
import { ApiError } from "../protocol/api/errors.ts";
import { hasBearerAuthorization, verifyBearerRequest } from "./bearer.ts";
import type { AppDeps } from "./deps.ts";
import { isOAuth1Request, verifySignedApiRequest } from "./oauth1-api.ts";

export async function authenticateApiCall(request: FastifyRequest, deps: AppDeps): Promise<ApiCaller> {
  if (hasBearerAuthorization(request)) return verifyBearerRequest(request, deps);
  if (isOAuth1Request(request)) return verifySignedApiRequest(request, deps);
  throw new ApiError(10, "Missing credentials: send Authorization: Bearer <access token>, or sign the request with OAuth 1.0a",
    { wwwAuthenticate: `Bearer realm="fitgate"` });
}
