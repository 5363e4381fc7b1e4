import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseReturnTo } from "./return-to.ts";

const issuer = new URL("https://fitgate.example");

describe("return_to after login", () => {
  const cases: [string, string | null][] = [
    ["/developer", "/developer"],
    ["/oauth2/authorize?client_id=a&state=b", "/oauth2/authorize?client_id=a&state=b"],
    ["https://evil.example/", null],
    ["//evil.example/", null],
    ["/\\evil.example", null],
    ["\\\\evil.example", null],
    ["javascript:alert(1)", null],
    ["developer", null],
    ["", null],
    // dot segments that the URL parser collapses into a protocol-relative path (Location: //evil…)
    ["/.//evil.example", null],
    ["/..//evil.example", null],
    ["/a/..//evil.example", null],
    ["/%2e//evil.example", null],
    ["/%2E%2E//evil.example", null],
    ["/\t/evil.example", null],
    ["/developer\r\nSet-Cookie: x=1", null],
  ];
  for (const [input, expected] of cases) {
    it(`${expected === null ? "refuses" : "keeps"} ${JSON.stringify(input)}`, () => {
      assert.equal(parseReturnTo(input, issuer), expected);
    });
  }
});
