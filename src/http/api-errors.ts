// The API error family (SPEC §4) for /api/* and /rest/*: every answer, fastify's own included
// (bad JSON, body too large, wrong content type, unknown path), is `{"error":{"code","message"}}`
// with the code table's status. Bearer failures keep RFC 6750's WWW-Authenticate challenge;
// OAuth 1 problems are mapped to FatSecret's OAuth 1.0 codes 2–9.
import type { FastifyReply, FastifyRequest } from "fastify";
import { BearerTokenError } from "../protocol/oauth2/bearer-token.ts";
import { OAuth1Problem, type OAuth1ProblemName } from "../protocol/oauth1/problems.ts";
import { ApiError, errorBodyOf } from "../protocol/api/errors.ts";
import { API_METHODS } from "../protocol/api/methods.ts";
import { routedPathOf, type ErrorFamily } from "./errors.ts";

const OAUTH1_CODES: Readonly<Partial<Record<OAuth1ProblemName, number>>> = {
  parameter_absent: 2, parameter_rejected: 3, signature_method_rejected: 4, consumer_key_unknown: 5,
  timestamp_refused: 6, nonce_used: 7, signature_invalid: 8, token_rejected: 9, permission_denied: 9, verifier_invalid: 9,
};

export function sendApiError(reply: FastifyReply, error: ApiError): FastifyReply {
  if (error.wwwAuthenticate !== null) reply.header("www-authenticate", error.wwwAuthenticate);
  return reply.status(error.status).header("cache-control", "no-store").type("application/json; charset=utf-8").send(errorBodyOf(error));
}

/**
 * any error thrown while answering an API call, as an ApiError. With `showBaseString` (never in
 * production) a signature_invalid names the base string fitgate computed, as /oauth/* does with
 * debug_sbs: comparing it with the client's is how a developer finds what was signed wrong.
 */
export function apiErrorOf(error: unknown, status: number, options: ApiErrorOptions): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof BearerTokenError) {
    if (error.credentialsMissing) return new ApiError(10, "Missing credentials: send Authorization: Bearer <access token>, or sign the request with OAuth 1.0a", { wwwAuthenticate: error.wwwAuthenticate });
    const code = error.code === "insufficient_scope" ? 14 : 13;
    const prefix = code === 14 ? "Missing scope" : "Invalid token";
    return new ApiError(code, `${prefix}: ${error.description}`, { status: error.status, wwwAuthenticate: error.wwwAuthenticate });
  }
  if (error instanceof OAuth1Problem) {
    const code = OAUTH1_CODES[error.problem] ?? 1;
    const debug = options.showBaseString && error.baseString !== null ? ` debug_sbs: ${error.baseString}` : "";
    return new ApiError(code, `${error.problem}: ${error.advice}${debug}`, { status: error.status, wwwAuthenticate: error.status === 401 ? `OAuth realm="${options.oauth1Realm}"` : null });
  }
  if (status === 413) return new ApiError(111, "Request too large: the body is larger than fitgate accepts");
  if (status === 415) return new ApiError(112, "Unsupported content type: send parameters in the query string, a form (application/x-www-form-urlencoded) or a JSON object");
  if (status === 405) return new ApiError(113, "Method not allowed on this path");
  if (status === 429) return new ApiError(120, "Too many requests: slow down");
  if (status >= 400 && status < 500) return new ApiError(110, "Malformed request: the body or a header could not be read");
  return new ApiError(1, "Unknown error: fitgate could not complete this request");
}

/** @param path as the router sees it (errors.ts routedPathOf) */
export function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/") || path.startsWith("/rest/");
}

/** the methods a path of the API answers (for 405 + Allow, RFC 9110 §15.5.6); empty when none */
export function allowedMethodsOf(path: string): string[] {
  if (path === "/rest/server.api") return ["GET", "HEAD", "POST"];
  if (path === "/api/openapi.json" || path === "/api/docs") return ["GET", "HEAD"];
  const allowed = new Set<string>();
  for (const { rest } of API_METHODS) {
    const pattern = new RegExp(`^${rest.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{\w+\\?\}/g, "[^/]+")}$`);
    if (pattern.test(path)) {
      allowed.add(rest.method);
      if (rest.method === "GET") allowed.add("HEAD");
    }
  }
  return [...allowed];
}

export type ApiErrorOptions = Readonly<{
  /** development only: name the OAuth 1 base string fitgate computed */
  showBaseString: boolean;
  /** the realm of OAuth 1 challenges: the same as /oauth/* sends */
  oauth1Realm: string;
}>;

export function apiErrorFamily(options: ApiErrorOptions): ErrorFamily {
  return {
    name: "api",
    matches: isApiPath,
    render(error: unknown, status: number, _request: FastifyRequest, reply: FastifyReply) {
      return sendApiError(reply, apiErrorOf(error, status, options));
    },
    notFound(request, reply) {
      const path = routedPathOf(request.url);
      const allowed = allowedMethodsOf(path);
      if (allowed.length > 0) {
        reply.header("allow", allowed.join(", "));
        return sendApiError(reply, new ApiError(113, `Method not allowed: ${path.slice(0, 100)} answers ${allowed.join(", ")}, not ${request.method}`, { status: 405 }));
      }
      return sendApiError(reply, new ApiError(104, `Unknown method: no API method at ${request.method} ${path.slice(0, 100)}; see /api/docs`));
    },
  };
}
