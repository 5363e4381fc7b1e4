// CIDR allowlists for token requests (seed 004: "tokens can only be requested from … IP ranges
// … in CIDR notation"). Built on node:net's BlockList rather than hand-rolled bit arithmetic.
import { BlockList, isIP } from "node:net";

export type Cidr = Readonly<{ address: string; prefix: number; family: "ipv4" | "ipv6" }>;

/** "10.0.0.0/8", "2001:db8::/32" or a bare address (a /32 or /128) → Cidr, or null */
export function parseCidr(value: string): Cidr | null {
  const [address = "", prefixText, extra] = value.trim().split("/");
  if (extra !== undefined) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return null;
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}

export function formatCidr(cidr: Cidr): string {
  return `${cidr.address}/${cidr.prefix}`;
}

/** an empty list allows every address; otherwise the address must fall in one range */
export function isAddressAllowed(allowlist: readonly string[], address: string): boolean {
  if (allowlist.length === 0) return true;
  const blocks = new BlockList();
  for (const entry of allowlist) {
    const cidr = parseCidr(entry);
    if (cidr !== null) blocks.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  // "::ffff:10.0.0.1" is how a dual-stack socket reports an IPv4 client
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined && blocks.check(mapped, "ipv4")) return true;
  const version = isIP(address);
  if (version === 0) return false;
  return blocks.check(address, version === 4 ? "ipv4" : "ipv6");
}

/**
 * Whom an address-based rate limit counts: an IPv4 address, or the /64 of an IPv6 address. A
 * single host is usually given a whole IPv6 /64, so counting each address would let it rotate
 * through 2^64 addresses and never be limited.
 */
export function rateLimitSubjectOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) return mapped;
  const bare = address.split("%")[0] ?? "";
  if (isIP(bare) !== 6) return address;
  const groupsOf = (part: string) => (part === "" ? [] : part.split(":")).flatMap((g) => (g.includes(".") ? ["0", "0"] : [g]));
  const [head = "", tail] = bare.split("::");
  const first = groupsOf(head);
  const last = tail === undefined ? [] : groupsOf(tail);
  const groups = [...first, ...Array<string>(8 - first.length - last.length).fill("0"), ...last];
  return `${groups.slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16)).join(":")}::/64`;
}
