// application/x-www-form-urlencoded bodies as URLSearchParams: names may repeat (checkboxes,
// and OAuth 1 signatures sort duplicates), and order is kept.
import type { FastifyInstance, FastifyRequest } from "fastify";

export function registerFormParser(app: FastifyInstance): void {
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 256 * 1024 }, (_request, body, done) => {
    done(null, new URLSearchParams(body as string));
  });
}

/** the form body, or null when the request has no form body (JSON, none, another type) */
export function formBodyOf(request: FastifyRequest): URLSearchParams | null {
  return request.body instanceof URLSearchParams ? request.body : null;
}

export function formField(form: URLSearchParams | null, name: string): string {
  return form?.get(name) ?? "";
}

export function formFields(form: URLSearchParams | null, name: string): string[] {
  return form?.getAll(name) ?? [];
}

/** a query parameter given once, or "" (a repeated parameter arrives as an array, not a string) */
export function queryField(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : "";
}
