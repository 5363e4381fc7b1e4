// One error renderer per protocol family (pages, OAuth 2, OAuth 1, the API), chosen by path.
// A family's own errors are answered in its format; anything unexpected is logged with the
// request id and answered as the family's generic server error, never with a stack trace.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export type ErrorFamily = Readonly<{
  name: string;
  /** `path` as the router sees it (see routedPathOf) */
  matches(path: string): boolean;
  /** answer the error; `status` is the HTTP status fastify or a route attached (≥ 500 = a bug) */
  render(error: unknown, status: number, request: FastifyRequest, reply: FastifyReply): FastifyReply | Promise<FastifyReply>;
  notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply | Promise<FastifyReply>;
}>;

/**
 * The path a request target is routed by. Targets in absolute form (RFC 9112 §3.2.2: POST
 * http://host/oauth2/token), with percent-escapes the router decodes (/oauth2/%74oken) or with a
 * fragment reach the same route as the plain path, so they must get the same family's errors.
 */
export function routedPathOf(target: string): string {
  const path = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "").split(/[?#]/)[0] ?? "";
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export function registerErrorHandling(app: FastifyInstance, families: readonly ErrorFamily[], fallback: ErrorFamily): void {
  const familyOf = (request: FastifyRequest): ErrorFamily => {
    const path = routedPathOf(request.url);
    return families.find((f) => f.matches(path)) ?? fallback;
  };
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = declaredStatusOf(error);
    if (status >= 500) request.log.error({ err: error }, "unexpected error");
    else request.log.info({ code: error.code, status }, error.message);
    return familyOf(request).render(error, status, request, reply);
  });
  app.setNotFoundHandler((request, reply) => familyOf(request).notFound(request, reply));
}

/** fastify's errors carry statusCode; the protocol families' own errors carry status */
function declaredStatusOf(error: FastifyError): number {
  const declared = typeof error.statusCode === "number" ? error.statusCode : (error as { status?: unknown }).status;
  return typeof declared === "number" && declared >= 400 && declared <= 599 ? declared : 500;
}
