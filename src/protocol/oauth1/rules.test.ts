import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Client } from "../../domain/client.ts";
import { createAllowedOutcome, createDeniedOutcome } from "./authorization.ts";
import { OAuth1Problem } from "./problems.ts";
import { checkNonceFormat, parseTimestamp } from "./replay.ts";
import { parseCallback, parseRequestedScopes } from "./request-token.ts";
import { accessTokenUnusableReason, requestTokenUnusableReason, type OAuth1Token } from "./tokens.ts";

const client = {
  id: "c1",
  callbackUrls: ["https://app.example/callback", "https://app.example/with?fixed=1"],
  scopes: ["basic", "profile", "diary:read"],
  defaultScopes: ["basic", "profile"],
} as unknown as Client; // only these fields are read

const problemOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (error) {
    return error instanceof OAuth1Problem ? error.problem : "not a problem";
  }
};

describe("OAuth 1.0a rules", () => {
  const callbacks: [string | null, string | null][] = [
    ["oob", null],
    ["https://app.example/callback", null],
    ["https://app.example/callback?state=1", null],
    ["https://app.example/with?fixed=1", null],
    ["https://app.example/with?fixed=1&more=2", "parameter_rejected"],
    ["https://app.example/callback/extra", "parameter_rejected"],
    ["https://app.example/callbackx", "parameter_rejected"],
    ["https://evil.example/callback", "parameter_rejected"],
    ["https://app.example/callback#frag", "parameter_rejected"],
    ["javascript:alert(1)", "parameter_rejected"],
    ["/relative", "parameter_rejected"],
    ["OOB", "parameter_rejected"],
    ["", "parameter_absent"],
    [null, "parameter_absent"],
  ];
  for (const [callback, problem] of callbacks) {
    it(`${problem === null ? "accepts" : `refuses with ${problem}`} the callback ${JSON.stringify(callback)}`, () => {
      assert.equal(problemOf(() => parseCallback(callback, client)), problem);
    });
  }

  it("gives the default scopes when none are asked for, and refuses scopes the app is not registered for", () => {
    assert.deepEqual(parseRequestedScopes(null, client), ["basic", "profile"]);
    assert.deepEqual(parseRequestedScopes("diary:read", client), ["diary:read"]);
    assert.equal(problemOf(() => parseRequestedScopes("diary:write", client)), "parameter_rejected");
  });

  const now = 1_000_000;
  const timestamps: [string, string | null][] = [
    [String(now), null], [String(now - 300), null], [String(now + 300), null],
    [String(now - 301), "timestamp_refused"], [String(now + 301), "timestamp_refused"],
    ["-5", "timestamp_refused"], ["1e6", "timestamp_refused"], ["", "timestamp_refused"], ["10000000000000", "timestamp_refused"],
  ];
  for (const [timestamp, problem] of timestamps) {
    it(`${problem === null ? "accepts" : "refuses"} the timestamp ${JSON.stringify(timestamp)} at ${now} with a 300 s window`, () => {
      assert.equal(problemOf(() => parseTimestamp(timestamp, now, 300)), problem);
    });
  }

  it("refuses a nonce longer than 255 characters as a rejected parameter, not a replay", () => {
    assert.equal(problemOf(() => checkNonceFormat("n".repeat(255))), null);
    assert.equal(problemOf(() => checkNonceFormat("n".repeat(256))), "parameter_rejected");
  });

  it("adds oauth_token and oauth_verifier to the callback's own query, or shows the verifier for oob", () => {
    assert.deepEqual(createAllowedOutcome("https://app.example/callback?state=a%20b", "t", "v"),
      { kind: "redirect", location: "https://app.example/callback?state=a+b&oauth_token=t&oauth_verifier=v" });
    assert.deepEqual(createAllowedOutcome("oob", "t", "v"), { kind: "show-verifier", verifier: "v" });
    assert.deepEqual(createDeniedOutcome("https://app.example/callback", "t"),
      { kind: "redirect", location: "https://app.example/callback?oauth_token=t&oauth_problem=permission_denied" });
  });

  const at = new Date("2026-01-01T00:00:00Z");
  const token = (changes: Partial<OAuth1Token>): OAuth1Token => ({
    token: "t", kind: "request", clientId: "c1", userId: null, grantId: null, secretSealed: "", callbackUrl: "oob", verifierHash: null,
    scopes: [], createdAt: at, expiresAt: new Date(at.getTime() + 600_000), authorizedAt: null, consumedAt: null, revokedAt: null, ...changes,
  });
  const requestTokens: [string, OAuth1Token | null, boolean][] = [
    ["a fresh request token", token({}), true],
    ["an unknown token", null, false],
    ["an access token", token({ kind: "access" }), false],
    ["a used request token", token({ consumedAt: at }), false],
    ["an expired request token", token({ expiresAt: at }), false],
  ];
  for (const [name, value, usable] of requestTokens) {
    it(`${usable ? "can" : "cannot"} authorize or exchange ${name}`, () => {
      assert.equal(requestTokenUnusableReason(value, at) === null, usable);
    });
  }

  it("accepts an access token only for its own consumer and until revoked", () => {
    assert.equal(accessTokenUnusableReason(token({ kind: "access" }), "c1"), null);
    assert.notEqual(accessTokenUnusableReason(token({ kind: "access" }), "c2"), null);
    assert.notEqual(accessTokenUnusableReason(token({ kind: "access", revokedAt: at }), "c1"), null);
    assert.notEqual(accessTokenUnusableReason(token({}), "c1"), null);
  });
});
