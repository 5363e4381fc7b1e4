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
  ];
  for (const [input, expected] of cases) {
    it(`${expected === null ? "refuses" : "keeps"} ${JSON.stringify(input)}`, () => {
      assert.equal(parseReturnTo(input, issuer), expected);
    });
  }
});
