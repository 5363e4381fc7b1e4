import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidResponseError, OAuth2Error } from "../src/errors.ts";
import { parseErrorResponse, parseStoredTokenSet, parseTokenResponse, serializeTokenSet } from "../src/oauth2/token-response.ts";

const now = new Date("2026-01-01T00:00:00Z");

describe("token response", () => {
  it("reads RFC 6749 §5.1's example into a token set with an absolute expiry", () => {
    // RFC 6749 §5.1
    const tokens = parseTokenResponse({ access_token: "2YotnFZFEjr1zCsicMWpAA", token_type: "Bearer", expires_in: 3600, refresh_token: "tGzv3JOkF0XG5Qx2TlKWIA", scope: "profile diary:read" }, now);
    assert.deepEqual(tokens, {
      accessToken: "2YotnFZFEjr1zCsicMWpAA", tokenType: "Bearer", expiresAt: new Date("2026-01-01T01:00:00Z"),
      refreshToken: "tGzv3JOkF0XG5Qx2TlKWIA", scope: ["profile", "diary:read"],
    });
  });

  it("accepts FatSecret's answer without refresh token or scope, and a lower-case bearer", () => {
    const tokens = parseTokenResponse({ access_token: "eyJ", token_type: "bearer", expires_in: 86400 }, now);
    assert.equal(tokens.refreshToken, null);
    assert.equal(tokens.scope, null);
    assert.equal(tokens.expiresAt?.toISOString(), "2026-01-02T00:00:00.000Z");
  });

  const malformed: [string, unknown][] = [
    ["an array", []],
    ["a string", "access_token=x"],
    ["no access_token", { token_type: "Bearer" }],
    ["an empty access_token", { access_token: "", token_type: "Bearer" }],
    ["a numeric access_token", { access_token: 12, token_type: "Bearer" }],
    ["no token_type", { access_token: "a" }],
    ["a MAC token", { access_token: "a", token_type: "mac" }],
    ["a negative expires_in", { access_token: "a", token_type: "Bearer", expires_in: -1 }],
    ["a fractional expires_in", { access_token: "a", token_type: "Bearer", expires_in: 1.5 }],
    ["a word for expires_in", { access_token: "a", token_type: "Bearer", expires_in: "soon" }],
    ["a numeric refresh_token", { access_token: "a", token_type: "Bearer", refresh_token: 5 }],
    ["an object scope", { access_token: "a", token_type: "Bearer", scope: { a: 1 } }],
  ];
  for (const [what, body] of malformed) {
    it(`refuses a body with ${what}`, () => {
      assert.throws(() => parseTokenResponse(body, now), InvalidResponseError);
    });
  }

  it("turns an RFC 6749 §5.2 error body into OAuth2Error with the RFC code", () => {
    const error = parseErrorResponse({ error: "invalid_grant", error_description: "revoked" }, 400);
    assert.ok(error instanceof OAuth2Error);
    assert.equal(error.code, "invalid_grant");
    assert.equal(error.errorDescription, "revoked");
    assert.equal(error.status, 400);
  });

  it("reports a non-RFC error body as an invalid response", () => {
    assert.ok(parseErrorResponse({ message: "boom" }, 500) instanceof InvalidResponseError);
    assert.ok(parseErrorResponse("<html>", 502) instanceof InvalidResponseError);
  });

  it("stores and restores a token set unchanged", () => {
    const tokens = parseTokenResponse({ access_token: "a", token_type: "Bearer", expires_in: 60, refresh_token: "r", scope: "basic" }, now);
    assert.deepEqual(parseStoredTokenSet(JSON.parse(JSON.stringify(serializeTokenSet(tokens)))), tokens);
  });
});
