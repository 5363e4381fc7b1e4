// The pure OAuth 2 rules, as table tests with the RFCs' own examples (test/vectors/oauth2-rfc.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Client } from "../../src/domain/client.ts";
import { checkApiKey, checkClientAuthentication, parseClientCredentials } from "../../src/protocol/oauth2/client-authentication.ts";
import { OAuth2Error } from "../../src/protocol/oauth2/errors.ts";
import { checkCodeVerifier, createS256CodeChallenge, parseCodeChallenge } from "../../src/protocol/oauth2/pkce.ts";
import { narrowRefreshScopes, resolveAuthorizationScopes, resolveClientCredentialsScopes } from "../../src/protocol/oauth2/scope.ts";
import { checkOAuthForm, parseGrantType } from "../../src/protocol/oauth2/token-request.ts";
import { sha256Hex } from "../../src/security/random.ts";
import { RFC6749_BASIC_EXAMPLE, RFC7636_APPENDIX_B } from "../vectors/oauth2-rfc.ts";

const client: Client = {
  id: "c1", ownerId: null, name: "App", description: "", website: "", type: "confidential", secretHash: sha256Hex("s3cret"),
  consumerKey: null, consumerSecretSealed: null, redirectUris: [], callbackUrls: [], scopes: ["basic", "premier", "profile", "diary:read"],
  defaultScopes: ["profile"], cidrs: [], refreshRotation: false, mayIntrospect: false,
  createdAt: new Date(0), updatedAt: new Date(0), secretRotatedAt: new Date(0),
};

const fails = (code: string) => (e: unknown) => e instanceof OAuth2Error && e.code === code;

describe("PKCE (RFC 7636)", () => {
  it("computes the Appendix B challenge from its verifier", () => {
    assert.equal(createS256CodeChallenge(RFC7636_APPENDIX_B.codeVerifier), RFC7636_APPENDIX_B.codeChallenge);
    checkCodeVerifier(RFC7636_APPENDIX_B.codeChallenge, RFC7636_APPENDIX_B.codeVerifier);
  });
  const refusals: Array<[string, string | null, string | null]> = [
    ["a missing verifier", RFC7636_APPENDIX_B.codeChallenge, null],
    ["a verifier that is too short", RFC7636_APPENDIX_B.codeChallenge, "abc"],
    ["another verifier", RFC7636_APPENDIX_B.codeChallenge, "x".repeat(43)],
    ["a verifier for a code without a challenge", null, RFC7636_APPENDIX_B.codeVerifier],
  ];
  for (const [name, challenge, verifier] of refusals) {
    it(`refuses ${name} with invalid_grant`, () => assert.throws(() => checkCodeVerifier(challenge, verifier), fails("invalid_grant")));
  }
  it("accepts only S256 challenges of the right shape", () => {
    assert.deepEqual(parseCodeChallenge(RFC7636_APPENDIX_B.codeChallenge, "S256"), { challenge: RFC7636_APPENDIX_B.codeChallenge, method: "S256" });
    assert.equal(parseCodeChallenge(null, null), null);
    for (const [challenge, method] of [[RFC7636_APPENDIX_B.codeChallenge, "plain"], [RFC7636_APPENDIX_B.codeChallenge, null], ["short", "S256"], [null, "S256"]] as const) {
      assert.throws(() => parseCodeChallenge(challenge, method), fails("invalid_request"));
    }
  });
});

describe("client authentication (RFC 6749 §2.3.1)", () => {
  it("reads the RFC's Basic example", () => {
    assert.deepEqual(parseClientCredentials(RFC6749_BASIC_EXAMPLE.header, new URLSearchParams()),
      { clientId: RFC6749_BASIC_EXAMPLE.clientId, clientSecret: RFC6749_BASIC_EXAMPLE.clientSecret, method: "client_secret_basic" });
  });
  it("form-decodes Basic credentials", () => {
    const header = `Basic ${Buffer.from("my%3Aclient:a+b%25c").toString("base64")}`;
    assert.deepEqual(parseClientCredentials(header, new URLSearchParams()), { clientId: "my:client", clientSecret: "a b%c", method: "client_secret_basic" });
  });
  it("takes an empty secret for no secret (RFC 6749 §3.1; requests-oauthlib's Basic for public clients)", () => {
    const none = { clientId: "c1", clientSecret: null, method: "none" };
    assert.deepEqual(parseClientCredentials(`Basic ${Buffer.from("c1:").toString("base64")}`, new URLSearchParams()), none);
    assert.deepEqual(parseClientCredentials(undefined, new URLSearchParams("client_id=c1&client_secret=")), none);
  });
  const rows: Array<[string, string | undefined, string, string]> = [
    ["no credentials", undefined, "", "invalid_client"],
    ["Basic without a colon", `Basic ${Buffer.from("abc").toString("base64")}`, "", "invalid_client"],
    ["Basic with bad percent-encoding", `Basic ${Buffer.from("%zz:x").toString("base64")}`, "", "invalid_client"],
    ["Basic plus client_secret", RFC6749_BASIC_EXAMPLE.header, "client_secret=x", "invalid_request"],
    ["Basic and a different body client_id", RFC6749_BASIC_EXAMPLE.header, "client_id=other", "invalid_request"],
  ];
  for (const [name, header, body, code] of rows) {
    it(`refuses ${name} with ${code}`, () => assert.throws(() => parseClientCredentials(header, new URLSearchParams(body)), fails(code)));
  }
  it("checks the secret by SHA-256, and public clients must not send one", () => {
    assert.equal(checkClientAuthentication(client, { clientId: "c1", clientSecret: "s3cret", method: "client_secret_post" }), client);
    assert.throws(() => checkClientAuthentication(client, { clientId: "c1", clientSecret: "wrong", method: "client_secret_post" }), fails("invalid_client"));
    assert.throws(() => checkClientAuthentication(client, { clientId: "c1", clientSecret: null, method: "none" }), fails("invalid_client"));
    assert.throws(() => checkClientAuthentication(null, { clientId: "x", clientSecret: "s", method: "client_secret_post" }), fails("invalid_client"));
    const publicClient: Client = { ...client, type: "public", secretHash: null };
    assert.equal(checkClientAuthentication(publicClient, { clientId: "c1", clientSecret: null, method: "none" }), publicClient);
    assert.throws(() => checkClientAuthentication(publicClient, { clientId: "c1", clientSecret: "s", method: "client_secret_post" }), fails("invalid_client"));
  });
  it("wants Api-Key, when sent, to name the client (MapMyFitness)", () => {
    checkApiKey(undefined, "c1");
    checkApiKey("c1", "c1");
    assert.throws(() => checkApiKey("c2", "c1"), fails("invalid_client"));
  });
});

describe("scopes (RFC 6749 §3.3, §6)", () => {
  const rows: Array<[string, () => string[], string[] | string]> = [
    ["authorization: none asked → the defaults", () => resolveAuthorizationScopes(null, client), ["profile"]],
    ["authorization: allowed ones", () => resolveAuthorizationScopes("profile diary:read profile", client), ["profile", "diary:read"]],
    ["authorization: not registered for the client", () => resolveAuthorizationScopes("weight:read", client), "invalid_scope"],
    ["authorization: unknown", () => resolveAuthorizationScopes("everything", client), "invalid_scope"],
    ["authorization: illegal characters", () => resolveAuthorizationScopes("pro\"file", client), "invalid_scope"],
    ["client credentials: none asked → every client scope", () => resolveClientCredentialsScopes("", client), ["basic", "premier"]],
    ["client credentials: a user scope", () => resolveClientCredentialsScopes("basic profile", client), "invalid_scope"],
    ["refresh: narrower", () => narrowRefreshScopes("profile", ["profile", "diary:read"]), ["profile"]],
    ["refresh: none asked → the original", () => narrowRefreshScopes(null, ["profile"]), ["profile"]],
    ["refresh: wider", () => narrowRefreshScopes("profile diary:write", ["profile"]), "invalid_scope"],
  ];
  for (const [name, run, expected] of rows) {
    it(name, () => {
      if (typeof expected === "string") assert.throws(run, fails(expected));
      else assert.deepEqual(run(), expected);
    });
  }
});

describe("token request forms (RFC 6749 §3.2)", () => {
  it("refuses no form, repeated parameters and unknown grant types", () => {
    assert.throws(() => checkOAuthForm(null), fails("invalid_request"));
    assert.throws(() => checkOAuthForm(new URLSearchParams("a=1&a=1")), fails("invalid_request"));
    assert.throws(() => parseGrantType(new URLSearchParams("")), fails("invalid_request"));
    assert.throws(() => parseGrantType(new URLSearchParams("grant_type=password")), fails("unsupported_grant_type"));
    assert.equal(parseGrantType(new URLSearchParams("grant_type=client_credentials")), "client_credentials");
  });
});
