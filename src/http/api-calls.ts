// One API call, whichever door it came through (/rest/server.api or /api/v1/…): parameters
// gathered from the path, the query and the body; the caller authenticated and authorised;
// parameters parsed by the method's schema; the handler run; JSON answered.
import type { FastifyReply, FastifyRequest } from "fastify";
import { checkCallerMayCall } from "../protocol/api/authorization.ts";
import { ApiError, invalidType, outOfRange } from "../protocol/api/errors.ts";
import type { ApiMethod } from "../protocol/api/method.ts";
import { parseParameters } from "../protocol/api/parameters.ts";
import type { ApiStore } from "../protocol/api/store.ts";
import { authenticateApiCall } from "./api-auth.ts";
import type { AppDeps } from "./deps.ts";

/** path parameters first, then the query, then the body; the first value of a repeated name wins */
export function rawParametersOf(request: FastifyRequest, pathParameters: Readonly<Record<string, string>> = {}): Map<string, string> {
  const raw = new Map<string, string>();
  const put = (value: string, name: string) => { if (!raw.has(name)) raw.set(name, value); };
  for (const [name, value] of Object.entries(pathParameters)) put(value, name);
  new URLSearchParams(request.url.split("?")[1] ?? "").forEach(put);
  const body: unknown = request.body;
  if (body instanceof URLSearchParams) body.forEach(put);
  else if (body !== null && body !== undefined) {
    if (typeof body !== "object" || Array.isArray(body)) throw new ApiError(110, "Malformed request: a JSON body must be an object of parameters");
    for (const [name, value] of Object.entries(body)) {
      if (typeof value === "string") put(value, name);
      else if (typeof value === "number" || typeof value === "boolean") put(String(value), name);
      else if (value !== null) throw invalidType(name, "a string or a number");
    }
  }
  return raw;
}

/** the Idempotency-Key header: at most 64 visible ASCII characters */
export function parseIdempotencyKey(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  const value = Array.isArray(header) ? header[0] ?? "" : header;
  if (!/^[\x21-\x7e]+$/.test(value)) throw invalidType("Idempotency-Key", "visible ASCII characters");
  if (value.length > 64) throw outOfRange("Idempotency-Key", "at most 64 characters");
  return value;
}

export async function answerApiCall(method: ApiMethod, raw: ReadonlyMap<string, string>, request: FastifyRequest, reply: FastifyReply, deps: AppDeps, store: ApiStore): Promise<FastifyReply> {
  const caller = await authenticateApiCall(request, deps);
  const userId = checkCallerMayCall(caller, method);
  const params = parseParameters(method.parameters, raw);
  const idempotencyKey = parseIdempotencyKey(request.headers["idempotency-key"]);
  const result = await method.handle(params, { caller, userId, store, now: deps.now(), idempotencyKey });
  return reply.header("cache-control", "no-store").type("application/json; charset=utf-8").send(result);
}
