import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { collectParameters, parseAuthorizationHeader } from "./parameters.ts";
import { OAuth1Problem } from "./problems.ts";

const base = 'oauth_consumer_key="k", oauth_signature_method="HMAC-SHA1", oauth_signature="s", oauth_timestamp="1", oauth_nonce="n"';
const input = (authorization: string | null, url = "https://fitgate.example/oauth/request_token", body: string | null = null) =>
  ({ method: "POST", url: new URL(url), authorization, formBody: body === null ? null : new URLSearchParams(body) });

describe("OAuth 1.0a parameters (RFC 5849 §3.5)", () => {
  const headers: [string, string, [string, string][]][] = [
    ["drops realm and decodes values", 'OAuth realm="Photos", oauth_token="a%20b", x="%E2%98%83"', [["oauth_token", "a b"], ["x", "☃"]]],
    ["takes the scheme in any case and no spaces after commas", 'oauth a="1",b="2"', [["a", "1"], ["b", "2"]]],
    ["keeps + as +", 'OAuth a="1+2"', [["a", "1+2"]]],
    ["keeps empty values", 'OAuth oauth_token=""', [["oauth_token", ""]]],
    ["reads a realm with escaped quotes", 'OAuth realm="a \\"b\\"", a="1"', [["a", "1"]]],
  ];
  for (const [behaviour, header, expected] of headers) {
    it(`parses the Authorization header: ${behaviour}`, () => {
      assert.deepEqual(parseAuthorizationHeader(header), expected);
    });
  }

  const malformed = ['OAuth a=1', 'OAuth a="1" b="2"', 'OAuth a="%G1"', 'OAuth ="1"', 'OAuth a="1", ,'];
  for (const header of malformed) {
    it(`refuses the malformed header ${JSON.stringify(header)} with parameter_rejected`, () => {
      assert.throws(() => parseAuthorizationHeader(header), (e: OAuth1Problem) => e.problem === "parameter_rejected" && e.status === 400);
    });
  }

  it("collects protocol parameters from the header, the body and the query alike", () => {
    const fromQuery = collectParameters(input(null, `https://fitgate.example/x?${base.replace(/"/g, "").replace(/, /g, "&")}&oauth_callback=oob`));
    assert.equal(fromQuery.protocol.callback, "oob");
    assert.deepEqual(fromQuery.signed, [], "query parameters stay in the URL");
    const fromBody = collectParameters(input(null, "https://fitgate.example/x", `${base.replace(/"/g, "").replace(/, /g, "&")}&a=1`));
    assert.equal(fromBody.protocol.consumerKey, "k");
    assert.equal(fromBody.signed.length, 6);
  });

  it("treats an empty oauth_token as no token but still signs it", () => {
    const collected = collectParameters(input(`OAuth ${base}, oauth_token=""`));
    assert.equal(collected.protocol.token, null);
    assert.ok(collected.signed.some(([name]) => name === "oauth_token"));
  });

  const refusals: [string, string | null, string, string | null, string][] = [
    ["oauth_nonce twice in the header", `OAuth ${base}, oauth_nonce="m"`, "https://f.example/x", null, "parameter_rejected"],
    ["oauth_nonce in header and query", `OAuth ${base}`, "https://f.example/x?oauth_nonce=m", null, "parameter_rejected"],
    ["oauth_token in header and body", `OAuth ${base}, oauth_token="t"`, "https://f.example/x", "oauth_token=t", "parameter_rejected"],
    ["no signature", 'OAuth oauth_consumer_key="k", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1", oauth_nonce="n"', "https://f.example/x", null, "parameter_absent"],
    ["no consumer key", 'OAuth oauth_signature="s"', "https://f.example/x", null, "parameter_absent"],
    ["oauth_version 2.0", `OAuth ${base}, oauth_version="2.0"`, "https://f.example/x", null, "parameter_rejected"],
  ];
  for (const [behaviour, header, url, body, problem] of refusals) {
    it(`refuses ${behaviour} with ${problem}`, () => {
      assert.throws(() => collectParameters(input(header, url, body)), (e: OAuth1Problem) => e.problem === problem && e.status === 400);
    });
  }

  it("accepts oauth_version 1.0 and 1.0A", () => {
    for (const version of ["1.0", "1.0A", "1.0a"]) collectParameters(input(`OAuth ${base}, oauth_version="${version}"`));
  });
});
