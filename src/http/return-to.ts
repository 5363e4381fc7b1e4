// Where to go after logging in: only a path on this server, never another origin
// (an open redirect would let a phishing link bounce through fitgate's login).
export function parseReturnTo(value: string | undefined, issuer: URL): string | null {
  if (value === undefined || value === "" || value.length > 4000) return null;
  // control characters are stripped by the URL parser, so "/\t/evil" would become "//evil"
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\") || /[\u0000-\u001f\u007f]/.test(value)) return null;
  try {
    const url = new URL(value, issuer);
    if (url.origin !== issuer.origin) return null;
    // dot segments collapse: "/.//evil" has the path "//evil", which a browser reads as another host
    if (url.pathname.startsWith("//")) return null;
    return url.pathname + url.search;
  } catch {
    return null;
  }
}
