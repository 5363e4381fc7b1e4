// Logger options: no secret, token or password ever reaches a log line (SPEC §6). Headers that
// carry credentials are not logged at all, and query parameters that can carry one are masked.
import type { FastifyRequest } from "fastify";

const SECRET_QUERY_PARAMETERS = new Set([
  "code", "client_secret", "password", "token", "access_token", "refresh_token", "code_verifier",
  "oauth_signature", "oauth_token", "oauth_verifier", "oauth_token_secret", "csrf_token",
]);

export function redactUrl(url: string): string {
  const index = url.indexOf("?");
  if (index === -1) return url;
  const params = new URLSearchParams(url.slice(index + 1));
  for (const name of new Set(params.keys())) {
    if (SECRET_QUERY_PARAMETERS.has(name.toLowerCase())) params.set(name, "[redacted]");
  }
  return `${url.slice(0, index)}?${params.toString()}`;
}

export function loggerOptions(level: string) {
  return {
    level,
    // belt and braces: should anything log headers or bodies, these paths are masked
    redact: {
      paths: [
        "req.headers.authorization", "req.headers.cookie", "req.headers[\"api-key\"]", "res.headers[\"set-cookie\"]",
        "*.password", "*.client_secret", "*.clientSecret", "*.consumerSecret", "*.refresh_token", "*.access_token", "*.code",
      ],
      censor: "[redacted]",
    },
    serializers: {
      req(request: FastifyRequest) {
        return { method: request.method, url: redactUrl(request.url), remoteAddress: request.ip };
      },
    },
  };
}

/**
 * fastify's refusals of a malformed URL or an over-long path parameter quote the whole request
 * target, query included, in their message, and the error handler logs that message: mask the
 * query's secret parameters as the request serializer does.
 */
export function withRedactedUrl<E extends Error>(error: E): E {
  error.message = error.message.replace(/'([^']*)'/, (_quoted, url: string) => `'${redactUrl(url)}'`);
  return error;
}
