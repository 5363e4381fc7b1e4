// How an API call is authorized: a Bearer token (RFC 6750 §2.1, renewed by a token manager) or
// an OAuth 1.0a signature (RFC 5849 §3, 3-legged with an access token, 2-legged without).
import { ApiError, InvalidResponseError } from "../errors.ts";
import { isJsonObject, readJsonBody, type JsonObject } from "../http.ts";
import type { OAuth1Client } from "../oauth1/client.ts";
import type { OAuth1Token } from "../oauth1/token-response.ts";
import type { TokenManager } from "../oauth2/token-manager.ts";

/** sends one form-encoded POST with whatever credentials it holds */
export type ApiTransport = (url: URL, form: URLSearchParams) => Promise<Response>;

export function bearerTransport(manager: Pick<TokenManager, "fetch">): ApiTransport {
  return (url, form) => manager.fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form,
  });
}

/** `token` null: 2-legged, signed by the consumer alone (catalogue methods only) */
export function oauth1Transport(client: Pick<OAuth1Client, "fetch">, token: OAuth1Token | null): ApiTransport {
  return (url, form) => client.fetch({ method: "POST", url, token, form });
}

/**
 * A JSON object on success; ApiError for fitgate's `{"error":{"code":N,"message":"…"}}`
 * (SPEC §4); InvalidResponseError for anything else.
 */
export async function readApiResponse(response: Response): Promise<JsonObject> {
  const body = await readJsonBody(response, "API");
  if (isJsonObject(body) && isJsonObject(body.error)) {
    const { code, message } = body.error;
    if (typeof code === "number" && typeof message === "string") throw new ApiError(code, message, response.status);
  }
  if (response.status < 200 || response.status > 299 || !isJsonObject(body)) {
    throw new InvalidResponseError(`API answered HTTP ${response.status} without an error object`, response.status);
  }
  return body;
}
