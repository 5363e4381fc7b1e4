import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkUrl, parseApplicationInput, splitLines, splitList, type RawApplicationInput } from "./application-input.ts";

const valid: RawApplicationInput = {
  name: "Calorie Counter", type: "confidential", scopes: ["basic", "diary:read"],
  redirectUris: ["https://app.example/callback"], callbackUrls: [], cidrs: [],
};

describe("application registration input", () => {
  it("accepts a valid application and defaults its default scopes to all its scopes", () => {
    const result = parseApplicationInput(valid);
    assert.ok(result.ok);
    assert.deepEqual(result.value.defaultScopes, ["basic", "diary:read"]);
    assert.equal(result.value.refreshRotation, false);
  });

  it("always rotates refresh tokens of public clients and never lets them introspect", () => {
    const result = parseApplicationInput({ ...valid, type: "public", refreshRotation: false, mayIntrospect: true });
    assert.ok(result.ok);
    assert.equal(result.value.refreshRotation, true);
    assert.equal(result.value.mayIntrospect, false);
  });

  const fieldCases: [string, RawApplicationInput, string][] = [
    ["a missing name", { ...valid, name: " " }, "name"],
    ["an overlong name", { ...valid, name: "x".repeat(101) }, "name"],
    ["an unknown type", { ...valid, type: "trusted" }, "type"],
    ["a relative redirect URI", { ...valid, redirectUris: ["/callback"] }, "redirectUris"],
    ["an http redirect URI off loopback", { ...valid, redirectUris: ["http://app.example/cb"] }, "redirectUris"],
    ["a redirect URI with a fragment", { ...valid, redirectUris: ["https://app.example/cb#x"] }, "redirectUris"],
    ["a javascript: callback", { ...valid, callbackUrls: ["javascript:alert(1)"] }, "callbackUrls"],
    ["an unknown scope", { ...valid, scopes: ["basic", "admin"] }, "scopes"],
    ["no scope", { ...valid, scopes: [] }, "scopes"],
    ["a default scope outside the scopes", { ...valid, defaultScopes: ["weight:read"] }, "defaultScopes"],
    ["a malformed CIDR", { ...valid, cidrs: ["10.0.0.0/40"] }, "cidrs"],
    ["OAuth 1 callback URLs on a public app", { ...valid, type: "public", callbackUrls: ["https://app.example/oauth1"] }, "callbackUrls"],
    ["a website that is not a URL", { ...valid, website: "my site" }, "website"],
    ["a NUL in the name", { ...valid, name: "App\u0000" }, "name"],
    ["a control character in the description", { ...valid, description: "about\u001b[31m" }, "description"],
    ["a redirect URI with a tab the URL parser would drop", { ...valid, redirectUris: ["https://app.example/c\tb"] }, "redirectUris"],
    ["a redirect URI with a space", { ...valid, redirectUris: ["https://app.example/c b"] }, "redirectUris"],
    ["a callback URL with a NUL", { ...valid, callbackUrls: ["https://app.example/\u0000"] }, "callbackUrls"],
  ];
  for (const [what, input, field] of fieldCases) {
    it(`refuses ${what} with a message on ${field}`, () => {
      const result = parseApplicationInput(input);
      assert.ok(!result.ok);
      assert.deepEqual(Object.keys(result.errors), [field]);
      assert.match(result.errors[field as keyof typeof result.errors] ?? "", /\S/);
    });
  }

  it("allows http on loopback for native apps and tutorials", () => {
    for (const url of ["http://localhost:12345/callback", "http://127.0.0.1:8000/cb", "http://[::1]/cb"]) {
      assert.equal(checkUrl(url, { httpsRequired: true }), null, url);
    }
  });

  it("splits CIDR lists on lines, spaces and commas, and URL lists on lines only", () => {
    assert.deepEqual(splitList("10.0.0.0/8\r\n 192.0.2.0/24, 2001:db8::/32\n\n"), ["10.0.0.0/8", "192.0.2.0/24", "2001:db8::/32"]);
    assert.deepEqual(splitLines("https://a/cb?x=1,2\r\n  not a url \n\n"), ["https://a/cb?x=1,2", "not a url"]);
  });
});
