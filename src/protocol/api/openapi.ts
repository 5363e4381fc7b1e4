// The OpenAPI 3.1 document of the protected API, generated from the method table so it can
// never disagree with what the server accepts: one REST operation per method, plus the
// FatSecret-style /rest/server.api door, the scopes, and the error code table.
import { SCOPE_CATALOGUE } from "../../domain/scopes.ts";
import { API_ERROR_CODES } from "./errors.ts";
import type { ApiMethod } from "./method.ts";
import { API_METHODS } from "./methods.ts";
import { jsonSchemaOf, type ParameterSpec } from "./parameters.ts";

const ERROR_RESPONSE = { description: "An error from the code table", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };

function operationOf(method: ApiMethod): Record<string, unknown> {
  const pathNames = [...method.rest.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const inBody = method.rest.method === "POST" || method.rest.method === "PATCH";
  const parameterOf = (spec: ParameterSpec) => ({
    name: spec.name,
    in: pathNames.includes(spec.name) ? "path" : "query",
    required: pathNames.includes(spec.name) || spec.required === true,
    description: spec.description,
    schema: jsonSchemaOf(spec),
  });
  const bodySpecs = method.parameters.filter((p) => inBody && !pathNames.includes(p.name));
  return {
    operationId: method.name,
    summary: `${method.name}: ${method.summary}`,
    tags: [method.userData ? "User data" : "Foods"],
    security: [{ bearer: [method.scope] }, { oauth2: [method.scope] }, { oauth1: [] }],
    "x-fitgate-scope": method.scope,
    "x-fitgate-user-data": method.userData,
    parameters: [
      ...method.parameters.filter((p) => !inBody || pathNames.includes(p.name)).map(parameterOf),
      ...(method.name.endsWith(".create") ? [{ name: "Idempotency-Key", in: "header", required: false, description: "Same as client_entry_id", schema: { type: "string", maxLength: 64 } }] : []),
    ],
    ...(bodySpecs.length === 0 ? {} : {
      requestBody: {
        required: bodySpecs.some((p) => p.required === true),
        content: Object.fromEntries(["application/x-www-form-urlencoded", "application/json"].map((type) => [type, {
          schema: {
            type: "object",
            properties: Object.fromEntries(bodySpecs.map((p) => [p.name, { ...jsonSchemaOf(p), description: p.description }])),
            required: bodySpecs.filter((p) => p.required === true).map((p) => p.name),
          },
        }])),
      },
    }),
    responses: { 200: { description: "Success", content: { "application/json": { example: method.example } } }, default: ERROR_RESPONSE },
  };
}

export function createOpenApiDocument(issuer: URL): Record<string, unknown> {
  const base = issuer.href.replace(/\/$/, "");
  const paths: Record<string, Record<string, unknown>> = {};
  for (const method of API_METHODS) {
    paths[method.rest.path] = { ...paths[method.rest.path], [method.rest.method.toLowerCase()]: operationOf(method) };
  }
  const serverApi = {
    summary: "FatSecret-style door to every method: `method=NAME` plus that method's parameters, from the query string or the body",
    tags: ["FatSecret compatible"],
    security: [{ bearer: [] }, { oauth2: [] }, { oauth1: [] }],
    parameters: [
      { name: "method", in: "query", required: true, schema: { type: "string", enum: API_METHODS.map((m) => m.name) } },
      { name: "format", in: "query", required: false, schema: { type: "string", enum: ["json"] } },
    ],
    responses: { 200: { description: "The method's answer" }, default: ERROR_RESPONSE },
  };
  paths["/rest/server.api"] = { get: { ...serverApi, operationId: "server.api.get" }, post: { ...serverApi, operationId: "server.api.post" } };
  const scopes = Object.fromEntries(SCOPE_CATALOGUE.map((s) => [s.name, s.description]));
  return {
    openapi: "3.1.0",
    info: {
      title: "fitgate API",
      version: "1.0.0",
      description: "Foods, food diary, weight and exercise, protected by OAuth 2.0 Bearer tokens or OAuth 1.0a signatures. Numbers are JSON strings, as on FatSecret's platform.",
      "x-error-codes": API_ERROR_CODES,
    },
    servers: [{ url: base }],
    paths,
    components: {
      schemas: {
        Error: {
          type: "object", required: ["error"],
          properties: { error: { type: "object", required: ["code", "message"], properties: { code: { type: "integer", enum: API_ERROR_CODES.map((c) => c.code) }, message: { type: "string" } } } },
        },
      },
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "RFC 6750 Bearer access token (RFC 9068 JWT)" },
        oauth2: {
          type: "oauth2",
          flows: {
            clientCredentials: { tokenUrl: `${base}/oauth2/token`, scopes },
            authorizationCode: { authorizationUrl: `${base}/oauth2/authorize`, tokenUrl: `${base}/oauth2/token`, refreshUrl: `${base}/oauth2/token`, scopes },
          },
        },
        oauth1: { type: "http", scheme: "OAuth", description: "OAuth 1.0a (RFC 5849): 2-legged (consumer only) for foods, 3-legged (with an access token) for a user's data" },
      },
    },
  };
}
