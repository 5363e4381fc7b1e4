import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { constantTimeEqual, generateSecret } from "./random.ts";

describe("generated secrets", () => {
  it("are 43 URL-safe characters that never start with '-' (it would read as a command-line flag)", () => {
    // one in 64 base64url strings starts with "-": 1000 draws miss a regression with p ≈ 1e-7
    for (let i = 0; i < 1000; i++) {
      const secret = generateSecret();
      assert.match(secret, /^[A-Za-z0-9_][A-Za-z0-9_-]{42}$/);
    }
  });

  it("compare equal only when equal", () => {
    assert.equal(constantTimeEqual("abc", "abc"), true);
    assert.equal(constantTimeEqual("abc", "abd"), false);
    assert.equal(constantTimeEqual("abc", "abcd"), false);
  });
});
