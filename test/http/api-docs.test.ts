// GET /api/openapi.json is OpenAPI 3.1 generated from the method table (so every method, its
// scope and its parameters are there), and /api/docs is the reference page linked from every
// page's footer, with the error code table and the scopes.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { SCOPE_CATALOGUE } from "../../src/domain/scopes.ts";
import { API_ERROR_CODES } from "../../src/protocol/api/errors.ts";
import { API_METHODS } from "../../src/protocol/api/methods.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { useTestApp } from "../helpers/suite.ts";

type Json = Record<string, any>; // eslint-disable-line -- the document is read freely

const [sqlite] = await databaseTargets();
describe("API reference", () => {
  const t = useTestApp(sqlite!);
  let document: Json;
  before(async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers["content-type"]), /^application\/json/);
    document = JSON.parse(response.body) as Json;
  });

  test("the OpenAPI document is 3.1 with the issuer as server and both OAuth schemes", () => {
    assert.equal(document.openapi, "3.1.0");
    assert.deepEqual(document.servers, [{ url: "http://localhost:8080" }]);
    assert.equal(document.components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl, "http://localhost:8080/oauth2/token");
    assert.deepEqual(Object.keys(document.components.securitySchemes.oauth2.flows.clientCredentials.scopes), SCOPE_CATALOGUE.map((s) => s.name));
    assert.deepEqual(document.components.schemas.Error.properties.error.properties.code.enum, API_ERROR_CODES.map((c) => c.code));
  });

  for (const method of API_METHODS) {
    test(`${method.name} is in the document at ${method.rest.method} ${method.rest.path} with its scope and parameters`, () => {
      const operation = document.paths[method.rest.path]?.[method.rest.method.toLowerCase()] as Json | undefined;
      assert.ok(operation, `${method.rest.method} ${method.rest.path}`);
      assert.equal(operation.operationId, method.name);
      assert.equal(operation["x-fitgate-scope"], method.scope);
      const documented = [
        ...(operation.parameters as Json[]).map((p) => p.name as string),
        ...Object.keys(operation.requestBody?.content["application/x-www-form-urlencoded"].schema.properties ?? {}),
      ];
      for (const parameter of method.parameters) assert.ok(documented.includes(parameter.name), `${method.name} ${parameter.name}`);
    });
  }

  test("the FatSecret door lists every method name", () => {
    const names = document.paths["/rest/server.api"].post.parameters.find((p: Json) => p.name === "method").schema.enum as string[];
    assert.deepEqual(names, API_METHODS.map((m) => m.name));
  });

  test("the reference page is an HTML page with a section per method, the error codes and the scopes", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/docs" });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers["content-type"]), /^text\/html/);
    for (const method of API_METHODS) assert.ok(response.body.includes(`<section id="${method.name}"`), method.name);
    assert.ok(response.body.includes(`<h2 id="errors">`) && response.body.includes(`<h2 id="scopes">`));
    for (const code of API_ERROR_CODES) assert.ok(response.body.includes(`<tr><td>${code.code}</td><td>${code.status}</td>`), String(code.code));
    const home = await t.app.inject({ method: "GET", url: "/login" });
    assert.ok(home.body.includes(`<a href="/api/docs">API reference</a>`), "linked from the footer");
  });
});
