import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  createAuthorizationHeader, createBaseStringUri, createSignature, createSignatureBaseString,
  normalizeParameters, percentDecode, percentEncode, signRequest,
} from "../../sdk/src/oauth1/signature.ts";
import {
  PERCENT_ENCODING, RFC5849_BASE_STRING_URIS, RFC5849_NORMALIZED_PARAMETERS, RFC5849_SIGNATURES,
} from "../vectors/rfc5849.ts";

describe("the OAuth 1.0a signing core (RFC 5849)", () => {
  for (const [plain, encoded] of PERCENT_ENCODING) {
    it(`percent-encodes ${JSON.stringify(plain)} as ${JSON.stringify(encoded)} and decodes it back`, () => {
      assert.equal(percentEncode(plain), encoded);
      assert.equal(percentDecode(encoded), plain);
    });
  }

  for (const malformed of ["%", "%4", "%GG", "a%2", "%C3", "%FF"]) {
    it(`refuses to decode the malformed ${JSON.stringify(malformed)}`, () => {
      assert.equal(percentDecode(malformed), null);
    });
  }

  it("leaves + alone when decoding, as header values are not form-encoded", () => {
    assert.equal(percentDecode("a+b%2B"), "a+b+");
  });

  for (const [url, baseStringUri] of RFC5849_BASE_STRING_URIS) {
    it(`builds the base string URI ${baseStringUri} from ${url}`, () => {
      assert.equal(createBaseStringUri(url), baseStringUri);
    });
  }

  it("normalizes the §3.4.1.3 parameters exactly as the RFC prints them", () => {
    const vector = RFC5849_SIGNATURES.find((v) => v.name.startsWith("§3.4.1.1"));
    assert.ok(vector);
    const url = new URL(vector.url);
    assert.equal(normalizeParameters([...url.searchParams, ...vector.parameters]), RFC5849_NORMALIZED_PARAMETERS);
  });

  it("leaves oauth_signature out of the normalized parameters", () => {
    assert.equal(normalizeParameters([["b", "1"], ["oauth_signature", "x"], ["a", "2"]]), "a=2&b=1");
  });

  it("sorts duplicate names by value, byte-wise on the encoded form", () => {
    assert.equal(normalizeParameters([["a", "b"], ["a", "B"], ["a", "a b"], ["A", "z"]]), "A=z&a=B&a=a%20b&a=b");
  });

  for (const vector of RFC5849_SIGNATURES) {
    it(`reproduces the RFC's ${vector.name}`, () => {
      const { baseString, signature } = signRequest({ ...vector, signatureMethod: "HMAC-SHA1" });
      if (vector.baseString !== null) assert.equal(baseString, vector.baseString);
      assert.equal(signature, vector.signature);
    });
  }

  it("signs with HMAC-SHA256 over the same base string and key", () => {
    const signature = createSignature("HMAC-SHA256", "GET&http%3A%2F%2Fa%2F&", "cs", "ts");
    assert.match(signature, /^[A-Za-z0-9+/]{43}=$/);
    assert.notEqual(signature, createSignature("HMAC-SHA1", "GET&http%3A%2F%2Fa%2F&", "cs", "ts"));
  });

  it("makes the PLAINTEXT signature the encoded key, with an empty token secret when there is no token", () => {
    assert.equal(createSignature("PLAINTEXT", "ignored", "c s&", null), "c%20s%26&");
    assert.equal(createSignature("PLAINTEXT", "ignored", "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"), "kd94hf93k423kf44&pfkkdhi9sl3r4s00");
  });

  it("upper-cases the HTTP method in the base string", () => {
    assert.ok(createSignatureBaseString({ method: "post", url: "http://a/", parameters: [] }).startsWith("POST&"));
  });

  it("renders an Authorization header with encoded values and a quoted realm", () => {
    assert.equal(
      createAuthorizationHeader([["oauth_consumer_key", "k"], ["oauth_signature", "a+b/c="]], "Photos"),
      'OAuth realm="Photos", oauth_consumer_key="k", oauth_signature="a%2Bb%2Fc%3D"',
    );
  });
});
