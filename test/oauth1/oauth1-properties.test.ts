// Property tests: any request a client library signs verifies; any one-character change to what
// was signed (a name, a value, the path, the method, the signature) fails.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { createAuthorizationHeader, percentEncode, signRequest, type Parameter } from "../../sdk/src/oauth1/signature.ts";
import type { Client } from "../../src/domain/client.ts";
import type { SignedRequestInput } from "../../src/protocol/oauth1/parameters.ts";
import { OAuth1Problem } from "../../src/protocol/oauth1/problems.ts";
import type { ReplayStore } from "../../src/protocol/oauth1/replay.ts";
import { verifySignedRequest, type VerificationPolicy } from "../../src/protocol/oauth1/verification.ts";
import { signerFor } from "./oauth1-helpers.ts";

const ISSUER = "https://api.example.com";
const CONSUMER = { key: "consumer-key", secret: "consumer secret ☃", clientId: "client-1" };
const TOKEN = { key: "token-key", secret: "token&secret" };
const NOW = new Date("2026-01-01T00:00:00Z");

const client = { id: CONSUMER.clientId, consumerKey: CONSUMER.key } as Client; // only these two fields are read

function policy(now = NOW): VerificationPolicy<string> {
  const seen = new Set<string>();
  const replay: ReplayStore = {
    rememberNonce: async (key) => !seen.has(JSON.stringify(key)) && Boolean(seen.add(JSON.stringify(key))),
    advanceTimestamp: async () => true,
  };
  return {
    findConsumer: async (key) => (key === CONSUMER.key ? { client, consumerSecret: CONSUMER.secret } : null),
    findToken: async (token) => (token === TOKEN.key ? { token, tokenSecret: TOKEN.secret } : null),
    replay, windowSeconds: 300, strictTimestamps: false, allowPlaintext: true, now,
  };
}

const query = (parameters: readonly Parameter[]) => parameters.map(([n, v]) => `${percentEncode(n)}=${percentEncode(v)}`).join("&");

type RequestShape = { method: "GET" | "POST" | "PUT" | "DELETE"; path: string; query: Parameter[]; body: Parameter[] };

// "." and ".." are dot segments that every URL parser removes before anything is signed
const segment = fc.stringMatching(/^[A-Za-z0-9\-._~]{1,12}$/).filter((s) => s !== "." && s !== "..");
const simpleName = fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/).filter((n) => !n.startsWith("oauth_"));
const anyValue = fc.string({ unit: "binary", maxLength: 20 });

/** names unique across query and body: what oauth-1.0a can sign */
const libraryRequest: fc.Arbitrary<RequestShape> = fc.record({
  method: fc.constantFrom("GET", "POST", "PUT"),
  path: fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `/${s.join("/")}`),
  parameters: fc.uniqueArray(fc.tuple(simpleName, anyValue), { selector: ([name]) => name, maxLength: 8 }),
  split: fc.nat(8),
}).map(({ method, path, parameters, split }) => ({
  method, path, query: parameters.slice(0, split), body: method === "GET" ? [] : parameters.slice(split),
}));

/** any names (unicode, duplicates, empty values): what fitgate's own SDK signer handles */
const anyRequest: fc.Arbitrary<RequestShape> = fc.record({
  method: fc.constantFrom("GET", "POST", "DELETE"),
  path: fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `/${s.join("/")}`),
  query: fc.array(fc.tuple(fc.string({ unit: "binary", minLength: 1, maxLength: 8 }).filter((n) => !n.startsWith("oauth_")), anyValue), { maxLength: 6 }),
  body: fc.array(fc.tuple(fc.string({ unit: "binary", minLength: 1, maxLength: 8 }).filter((n) => !n.startsWith("oauth_")), anyValue), { maxLength: 6 }),
}).map((r) => ({ ...r, body: r.method === "GET" ? [] : r.body }));

function inputOf(shape: RequestShape, authorization: string): SignedRequestInput {
  const search = shape.query.length === 0 ? "" : `?${query(shape.query)}`;
  return {
    method: shape.method,
    url: new URL(`${ISSUER}${shape.path}${search}`),
    authorization,
    formBody: shape.body.length === 0 ? null : new URLSearchParams(query(shape.body)),
  };
}

function signWithLibrary(shape: RequestShape): SignedRequestInput {
  const oauth = signerFor(CONSUMER);
  const search = shape.query.length === 0 ? "" : `?${query(shape.query)}`;
  const data = Object.fromEntries(shape.body);
  const signed = oauth.authorize({ method: shape.method, url: `${ISSUER}${shape.path}${search}`, data }, TOKEN);
  return inputOf(shape, oauth.toHeader(signed).Authorization);
}

function signWithSdk(shape: RequestShape, nonce: string): { input: SignedRequestInput; protocol: Parameter[] } {
  const protocol: Parameter[] = [
    ["oauth_consumer_key", CONSUMER.key], ["oauth_token", TOKEN.key], ["oauth_signature_method", "HMAC-SHA1"],
    ["oauth_timestamp", String(Math.floor(NOW.getTime() / 1000))], ["oauth_nonce", nonce], ["oauth_version", "1.0"],
  ];
  const search = shape.query.length === 0 ? "" : `?${query(shape.query)}`;
  const { signature } = signRequest({
    method: shape.method, url: `${ISSUER}${shape.path}${search}`, parameters: [...protocol, ...shape.body],
    signatureMethod: "HMAC-SHA1", consumerSecret: CONSUMER.secret, tokenSecret: TOKEN.secret,
  });
  return { input: inputOf(shape, createAuthorizationHeader([...protocol, ["oauth_signature", signature]])), protocol: [...protocol, ["oauth_signature", signature]] };
}

/** a different character at one position of a string */
function changeOneCharacter(value: string, position: number, replacement: string): string {
  const chars = [...value];
  if (chars.length === 0) return replacement;
  const index = position % chars.length;
  const next = chars[index] === replacement ? (replacement === "x" ? "y" : "x") : replacement;
  chars[index] = next;
  return chars.join("");
}

describe("OAuth 1.0a signatures as properties", () => {
  it("verifies any request the oauth-1.0a library signs", async () => {
    // oauth-1.0a stamps requests with the real clock
    await fc.assert(fc.asyncProperty(libraryRequest, async (shape) => {
      const verified = await verifySignedRequest(signWithLibrary(shape), policy(new Date()));
      assert.equal(verified.token, TOKEN.key);
    }), { numRuns: 300 });
  });

  it("verifies any request fitgate's SDK signer signs, duplicates and unicode names included", async () => {
    await fc.assert(fc.asyncProperty(anyRequest, async (shape) => {
      await verifySignedRequest(signWithSdk(shape, "n").input, policy());
    }), { numRuns: 300 });
  });

  const mutations = ["query value", "query name", "body value", "path", "method", "signature", "timestamp"] as const;
  it("refuses the request when any one character of what was signed changes", async () => {
    await fc.assert(fc.asyncProperty(
      anyRequest, fc.constantFrom(...mutations), fc.nat(), fc.constantFrom("x", "Z", "%", " ", "é", "0", "+"),
      async (shape, mutation, position, replacement) => {
        // a query or body mutation needs a parameter there to change
        fc.pre(!(mutation.startsWith("query") && shape.query.length === 0) && !(mutation === "body value" && shape.body.length === 0));
        const signed = signWithSdk(shape, "n");
        let input = signed.input;
        const at = <T>(list: T[]) => position % Math.max(1, list.length);
        if (mutation === "query value" && shape.query.length > 0) {
          const query = shape.query.map(([n, v], i): Parameter => [n, i === at(shape.query) ? changeOneCharacter(v, position, replacement) : v]);
          input = { ...inputOf({ ...shape, query }, input.authorization ?? "") };
        } else if (mutation === "query name" && shape.query.length > 0) {
          const query = shape.query.map(([n, v], i): Parameter => [i === at(shape.query) ? changeOneCharacter(n, position, replacement) : n, v]);
          fc.pre(query.every(([n]) => !n.startsWith("oauth_")));
          input = { ...inputOf({ ...shape, query }, input.authorization ?? "") };
        } else if (mutation === "body value" && shape.body.length > 0) {
          const body = shape.body.map(([n, v], i): Parameter => [n, i === at(shape.body) ? changeOneCharacter(v, position, replacement) : v]);
          input = { ...inputOf({ ...shape, body }, input.authorization ?? "") };
        } else if (mutation === "path") {
          input = { ...input, url: new URL(`${ISSUER}/${changeOneCharacter(shape.path.slice(1), position, replacement)}${input.url.search}`) };
        } else if (mutation === "method") {
          input = { ...input, method: input.method === "PATCH" ? "PUT" : "PATCH" };
        } else {
          const name = mutation === "signature" ? "oauth_signature" : "oauth_timestamp";
          const protocol = signed.protocol.map(([n, v]): Parameter => [n, n === name ? changeOneCharacter(v, position, name === "oauth_timestamp" ? "7" : replacement) : v]);
          fc.pre(name !== "oauth_timestamp" || protocol.some(([n, v]) => n === name && v !== String(Math.floor(NOW.getTime() / 1000))));
          input = { ...input, authorization: createAuthorizationHeader(protocol) };
        }
        fc.pre(input !== signed.input);
        // refused for the change itself, not for some unrelated malformation the mutation made
        const expected = mutation === "timestamp" ? ["signature_invalid", "timestamp_refused"] : ["signature_invalid"];
        await assert.rejects(verifySignedRequest(input, policy()), (error: unknown) => error instanceof OAuth1Problem && expected.includes(error.problem));
      }), { numRuns: 500 });
  });
});
