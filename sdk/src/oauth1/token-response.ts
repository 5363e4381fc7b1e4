// The form-encoded answers of the OAuth 1.0a token endpoints (RFC 5849 §2.1, §2.3) and the
// OAuth Problem Reporting body of their errors, read with explicit checks.
import { InvalidResponseError, OAuth1Error } from "../errors.ts";

export type OAuth1Token = Readonly<{ token: string; tokenSecret: string }>;

export type RequestToken = OAuth1Token & Readonly<{ callbackConfirmed: boolean }>;

/**
 * @see RFC 5849 §2.1 (temporary credentials), §2.3 (token credentials)
 */
export function parseTokenCredentials(body: string, where: string): OAuth1Token & { callbackConfirmed: boolean } {
  const form = new URLSearchParams(body);
  const token = form.get("oauth_token");
  const tokenSecret = form.get("oauth_token_secret");
  if (token === null || token === "" || tokenSecret === null) {
    throw new InvalidResponseError(`${where}: expected oauth_token and oauth_token_secret in a form-encoded body`);
  }
  return { token, tokenSecret, callbackConfirmed: form.get("oauth_callback_confirmed") === "true" };
}

/**
 * A refusal: `oauth_problem=…&oauth_problem_advice=…` when the server speaks Problem Reporting,
 * else the status alone.
 * @see OAuth Problem Reporting §2, RFC 5849 §3.2
 */
export function parseProblemResponse(body: string, status: number): OAuth1Error {
  const form = new URLSearchParams(body);
  const problem = form.get("oauth_problem");
  if (problem !== null && problem !== "") return new OAuth1Error(problem, form.get("oauth_problem_advice"), status);
  return new OAuth1Error("http_error", body.slice(0, 200) || null, status);
}

export async function readTokenCredentials(response: Response, where: string): Promise<OAuth1Token & { callbackConfirmed: boolean }> {
  const body = await response.text();
  if (response.status !== 200) throw parseProblemResponse(body, response.status);
  return parseTokenCredentials(body, where);
}
