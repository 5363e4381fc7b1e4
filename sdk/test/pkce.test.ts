import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createAuthorizationRequest, parseAuthorizationResponse } from "../src/oauth2/authorization-request.ts";
import { createS256CodeChallenge, generateCodeVerifier, generateState } from "../src/oauth2/pkce.ts";
import { AuthorizationResponseError } from "../src/errors.ts";

describe("PKCE", () => {
  it("derives the S256 challenge of RFC 7636 Appendix B", async () => {
    // RFC 7636 Appendix B
    assert.equal(await createS256CodeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("generates 43-character verifiers of the unreserved set, never twice the same", () => {
    const verifiers = new Set(Array.from({ length: 50 }, generateCodeVerifier));
    assert.equal(verifiers.size, 50);
    for (const verifier of verifiers) assert.match(verifier, /^[A-Za-z0-9\-._~]{43}$/);
    assert.notEqual(generateState(), generateState());
  });

  for (const bad of ["short", "x".repeat(129), `${"a".repeat(42)} `, `${"a".repeat(43)}+`]) {
    it(`refuses the malformed verifier ${JSON.stringify(bad.slice(0, 12))}… (length ${bad.length})`, async () => {
      await assert.rejects(createS256CodeChallenge(bad), TypeError);
    });
  }
});

describe("authorization request", () => {
  it("carries response_type, client_id, redirect_uri, scope, state and an S256 challenge", async () => {
    const pending = await createAuthorizationRequest({
      authorizationEndpoint: "https://as.example/oauth2/authorize?keep=1",
      clientId: "client 1",
      redirectUri: "http://localhost:12345/callback",
      scope: ["profile", "diary:read"],
      codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
      state: "xyz",
    });
    const query = pending.url.searchParams;
    assert.equal(pending.url.origin + pending.url.pathname, "https://as.example/oauth2/authorize");
    assert.deepEqual(Object.fromEntries(query), {
      keep: "1", response_type: "code", client_id: "client 1", redirect_uri: "http://localhost:12345/callback",
      scope: "profile diary:read", state: "xyz", code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", code_challenge_method: "S256",
    });
    assert.equal(pending.codeVerifier, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  });

  it("omits scope when none is asked and PKCE when the verifier is null", async () => {
    const pending = await createAuthorizationRequest({ authorizationEndpoint: "https://as.example/a", clientId: "c", redirectUri: "https://app.example/cb", codeVerifier: null });
    assert.equal(pending.url.searchParams.has("scope"), false);
    assert.equal(pending.url.searchParams.has("code_challenge"), false);
    assert.equal(pending.state.length > 20, true);
  });
});

describe("authorization response", () => {
  const expected = { state: "s1", issuer: "https://as.example" };
  it("returns the code of a callback whose state matches", () => {
    assert.deepEqual(parseAuthorizationResponse("http://localhost/cb?code=abc&state=s1&iss=https%3A%2F%2Fas.example", expected), { code: "abc" });
  });

  const failures: [string, string, string][] = [
    ["a missing state", "http://localhost/cb?code=abc", "state_mismatch"],
    ["another state", "http://localhost/cb?code=abc&state=s2", "state_mismatch"],
    ["another issuer (RFC 9207)", "http://localhost/cb?code=abc&state=s1&iss=https%3A%2F%2Fevil.example", "issuer_mismatch"],
    ["the user's denial", "http://localhost/cb?error=access_denied&error_description=no&state=s1", "access_denied"],
    ["neither code nor error", "http://localhost/cb?state=s1", "invalid_response"],
  ];
  it("requires iss when the server's metadata promises it (RFC 9207 §2.4)", () => {
    assert.throws(() => parseAuthorizationResponse("http://localhost/cb?code=abc&state=s1", { ...expected, issuerRequired: true }),
      (error: unknown) => error instanceof AuthorizationResponseError && error.code === "issuer_missing");
    assert.deepEqual(parseAuthorizationResponse("http://localhost/cb?code=abc&state=s1", expected), { code: "abc" });
  });

  for (const [what, url, code] of failures) {
    it(`refuses ${what} with the code ${code}`, () => {
      assert.throws(() => parseAuthorizationResponse(url, expected), (error: unknown) => error instanceof AuthorizationResponseError && error.code === code);
    });
  }
});
