// The protected API's routes (SPEC §4): FatSecret's `GET|POST /rest/server.api?method=…`, the
// same methods as REST under /api/v1, the OpenAPI document and the reference page.
import type { FastifyInstance } from "fastify";
import { ApiError, invalidType, missingParameter, unknownMethod } from "../../protocol/api/errors.ts";
import { API_METHODS, findApiMethod } from "../../protocol/api/methods.ts";
import { createOpenApiDocument } from "../../protocol/api/openapi.ts";
import { apiStoreOf } from "../../store/kysely/api-store.ts";
import { renderApiDocs } from "../../views/api-docs.ts";
import { authenticateApiCall } from "../api-auth.ts";
import { answerApiCall, rawParametersOf } from "../api-calls.ts";
import type { AppDeps } from "../deps.ts";
import { pageContextOf, sendPage } from "../pages.ts";

export function registerApiRoutes(app: FastifyInstance, deps: AppDeps): void {
  const store = apiStoreOf(deps.db, { searchCacheSeconds: deps.config.searchCacheSeconds });
  app.register(async (api) => {
    registerLenientJsonParser(api);

    api.route({
      method: ["GET", "POST"],
      url: "/rest/server.api",
      handler: async (request, reply) => {
        const raw = rawParametersOf(request);
        const format = raw.get("format");
        if (format !== undefined && format.toLowerCase() !== "json") throw invalidType("format", "json (fitgate answers JSON only)");
        const name = raw.get("method") ?? "";
        const method = findApiMethod(name);
        if (method !== null) return answerApiCall(method, raw, request, reply, deps, store);
        // credentials are checked before saying which method names exist
        await authenticateApiCall(request, deps);
        throw name === "" ? missingParameter("method") : new ApiError(104, unknownMethod(name).message, { status: 400 });
      },
    });

    for (const method of API_METHODS) {
      api.route({
        method: method.rest.method,
        url: method.rest.path.replace(/\{(\w+)\}/g, ":$1"),
        handler: (request, reply) => answerApiCall(method, rawParametersOf(request, request.params as Record<string, string>), request, reply, deps, store),
      });
    }

    const openApi = createOpenApiDocument(deps.config.issuer);
    api.get("/api/openapi.json", async (_request, reply) => reply.header("cache-control", "public, max-age=300").send(openApi));
    api.get("/api/docs", async (request, reply) => sendPage(reply, 200, renderApiDocs(await pageContextOf(request, reply, deps), deps.config.issuer)));
  });
}

/**
 * JSON bodies for the API: an empty body is no parameters (seed 004 posts with
 * `Content-Type: application/json` and the parameters in the query), and a urlencoded text
 * sent under a JSON content type is read as the form it is.
 */
function registerLenientJsonParser(api: FastifyInstance): void {
  // parameters come as a query, a form or JSON; a text/plain body is answered 415, not guessed at
  api.removeContentTypeParser(["application/json", "text/plain"]);
  api.addContentTypeParser("application/json", { parseAs: "string", bodyLimit: 256 * 1024 }, (_request, body, done) => {
    const text = (body as string).trim();
    if (text === "") return done(null, null);
    if (!text.startsWith("{") && !text.startsWith("[")) return done(null, new URLSearchParams(text));
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      done(new ApiError(110, "Malformed request: the body is not valid JSON"), undefined);
    }
  });
}
