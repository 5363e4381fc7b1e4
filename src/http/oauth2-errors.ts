// The OAuth 2 error family (RFC 6749 §5.2) for the token, revocation and introspection
// endpoints: JSON `{error, error_description}`, the RFC's status, no-store, and on 401 a
// WWW-Authenticate challenge. Fastify's own errors (415, bad body) become invalid_request;
// anything unexpected is server_error with no detail (the request id is in the logs).
import type { FastifyReply } from "fastify";
import { errorBodyOf, OAuth2Error } from "../protocol/oauth2/errors.ts";
import type { ErrorFamily } from "./errors.ts";

const JSON_ENDPOINTS = ["/oauth2/token", "/oauth2/revoke", "/oauth2/introspect"];

export function sendOAuth2Error(reply: FastifyReply, error: OAuth2Error): FastifyReply {
  reply.status(error.status).headers({ "cache-control": "no-store", pragma: "no-cache" });
  if (error.status === 401) reply.header("www-authenticate", 'Basic realm="fitgate"');
  if (error.status === 429) reply.header("retry-after", "60");
  return reply.type("application/json; charset=utf-8").send(errorBodyOf(error));
}

export function oauth2ErrorFamily(): ErrorFamily {
  return {
    name: "oauth2",
    matches: (path) => JSON_ENDPOINTS.includes(path),
    render(error, status, request, reply) {
      if (error instanceof OAuth2Error) {
        if (error.detail !== null) request.log.info({ code: error.code, detail: error.detail }, "oauth2 error");
        return sendOAuth2Error(reply, error);
      }
      if (status >= 500) return sendOAuth2Error(reply, new OAuth2Error("server_error", "fitgate could not complete the request"));
      if (status === 413) return sendOAuth2Error(reply, new OAuth2Error("invalid_request", "the request body is too large"));
      return sendOAuth2Error(reply, new OAuth2Error("invalid_request", "the request body must be application/x-www-form-urlencoded"));
    },
    notFound(_request, reply) {
      // RFC 9110 §15.5.6: a 405 names the methods the resource supports
      reply.header("allow", "POST");
      return sendOAuth2Error(reply, new OAuth2Error("invalid_request", "this endpoint only accepts POST", { status: 405 }));
    },
  };
}
