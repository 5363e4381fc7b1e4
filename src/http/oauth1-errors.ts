// The OAuth 1 error family (RFC 5849 §3.2, Problem Reporting): every answer from the signed
// endpoints under /oauth/ — even fastify's own (wrong content type, body too large, unknown
// path) — is a form-encoded oauth_problem body, never HTML or a stack trace. The authorize
// page is for people and stays in the page family.
import type { FastifyReply, FastifyRequest } from "fastify";
import { OAuth1Problem, problemBodyOf } from "../protocol/oauth1/problems.ts";
import type { AppDeps } from "./deps.ts";
import { routedPathOf, type ErrorFamily } from "./errors.ts";

export function sendProblem(reply: FastifyReply, problem: OAuth1Problem, deps: AppDeps): FastifyReply {
  if (problem.status === 401) reply.header("www-authenticate", `OAuth realm="${deps.config.issuer.origin}"`);
  return reply.status(problem.status)
    .header("cache-control", "no-store")
    .type("application/x-www-form-urlencoded")
    // development servers show the base string they computed, so a developer sees what to fix
    .send(problemBodyOf(problem, !deps.config.production));
}

function problemForStatus(status: number): OAuth1Problem {
  if (status >= 500) return new OAuth1Problem("server_error", "The server could not complete this request; try again later.");
  if (status === 413) return new OAuth1Problem("parameter_rejected", "The request body is larger than the server accepts.", { status: 413 });
  if (status === 415) {
    return new OAuth1Problem("parameter_rejected", "Send parameters in the Authorization header, the query, or an application/x-www-form-urlencoded body (RFC 5849 §3.5).", { status: 415 });
  }
  if (status === 429) return new OAuth1Problem("parameter_rejected", "Too many requests; slow down.", { status: 429 });
  return new OAuth1Problem("parameter_rejected", "The request could not be read (malformed body or header).", { status: 400 });
}

/** the methods each signed endpoint answers, for a 405's Allow header (RFC 9110 §15.5.6) */
const ALLOWED_METHODS: Readonly<Record<string, string>> = {
  "/oauth/request_token": "GET, HEAD, POST", "/oauth/access_token": "GET, HEAD, POST", "/oauth/revoke": "POST",
};

export function oauth1ErrorFamily(deps: AppDeps): ErrorFamily {
  return {
    name: "oauth1",
    matches: (path) => path.startsWith("/oauth/") && path !== "/oauth/authorize",
    render(error: unknown, status: number, _request: FastifyRequest, reply: FastifyReply) {
      return sendProblem(reply, error instanceof OAuth1Problem ? error : problemForStatus(status), deps);
    },
    notFound(request, reply) {
      const allowed = ALLOWED_METHODS[routedPathOf(request.url)];
      if (allowed !== undefined) {
        reply.header("allow", allowed);
        return sendProblem(reply, new OAuth1Problem("parameter_rejected", `This endpoint answers ${allowed}, not ${request.method}.`, { status: 405 }), deps);
      }
      return sendProblem(reply, new OAuth1Problem("parameter_rejected",
        "There is no OAuth 1.0a endpoint at this path; use /oauth/request_token, /oauth/authorize, /oauth/access_token or /oauth/revoke.", { status: 404 }), deps);
    },
  };
}
