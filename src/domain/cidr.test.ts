import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isAddressAllowed, parseCidr, rateLimitSubjectOf } from "./cidr.ts";

describe("CIDR allowlists", () => {
  const parseCases: [string, string | null][] = [
    ["203.0.113.0/24", "203.0.113.0/24"],
    ["203.0.113.7", "203.0.113.7/32"],
    ["2001:db8::/32", "2001:db8::/32"],
    ["::1", "::1/128"],
    ["203.0.113.0/33", null],
    ["2001:db8::/129", null],
    ["300.0.0.1/8", null],
    ["10.0.0.0/8/8", null],
    ["10.0.0.0/x", null],
    ["", null],
    ["example.com/24", null],
  ];
  for (const [input, expected] of parseCases) {
    it(`parses "${input}" as ${expected ?? "invalid"}`, () => {
      const cidr = parseCidr(input);
      assert.equal(cidr === null ? null : `${cidr.address}/${cidr.prefix}`, expected);
    });
  }

  const allowCases: [string[], string, boolean][] = [
    [[], "198.51.100.1", true],
    [["203.0.113.0/24"], "203.0.113.200", true],
    [["203.0.113.0/24"], "203.0.114.1", false],
    [["203.0.113.0/24"], "::ffff:203.0.113.9", true],
    [["2001:db8::/32"], "2001:db8:1::5", true],
    [["2001:db8::/32"], "2001:db9::5", false],
    [["127.0.0.1"], "127.0.0.1", true],
    [["127.0.0.1"], "not an address", false],
  ];
  for (const [list, address, expected] of allowCases) {
    it(`${expected ? "allows" : "refuses"} ${address} for [${list.join(", ")}]`, () => {
      assert.equal(isAddressAllowed(list, address), expected);
    });
  }
});

describe("the subject of an address rate limit", () => {
  const cases: [string, string][] = [
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:db8:1:2:ffff:ffff:ffff:fffe", "2001:db8:1:2::/64"],
    ["2001:0DB8:0001:0002:0:0:0:9", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::ffff:1.2.3.4:5", "::ffff:1.2.3.4:5"],
  ];
  for (const [address, expected] of cases) {
    it(`counts ${address} as ${expected}`, () => assert.equal(rateLimitSubjectOf(address), expected));
  }
});
