// Where to go after logging in: only a path on this server, never another origin
// (an open redirect would let a phishing link bounce through fitgate's login).
export function parseReturnTo(value: string | undefined, issuer: URL): string | null {
  if (value === undefined || value === "" || value.length > 4000) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return null;
  try {
    const url = new URL(value, issuer);
    if (url.origin !== issuer.origin) return null;
    return url.pathname + url.search;
  } catch {
    return null;
  }
}
