// What a developer may register (SPEC §5): checked field by field, so the portal can show each
// message next to its field and the CLI can print them, and nothing is written unless all pass.
import { parseCidr, formatCidr } from "./cidr.ts";
import { findScope } from "./scopes.ts";

export type ClientType = "confidential" | "public";

export type ApplicationInput = Readonly<{
  name: string;
  description: string;
  website: string;
  type: ClientType;
  redirectUris: readonly string[];
  callbackUrls: readonly string[];
  scopes: readonly string[];
  /** scopes given when a request names none; empty in the input means "all of scopes" */
  defaultScopes: readonly string[];
  cidrs: readonly string[];
  refreshRotation: boolean;
  mayIntrospect: boolean;
}>;

export type RawApplicationInput = {
  name?: string | undefined;
  description?: string | undefined;
  website?: string | undefined;
  type?: string | undefined;
  redirectUris?: readonly string[] | undefined;
  callbackUrls?: readonly string[] | undefined;
  scopes?: readonly string[] | undefined;
  defaultScopes?: readonly string[] | undefined;
  cidrs?: readonly string[] | undefined;
  refreshRotation?: boolean | undefined;
  mayIntrospect?: boolean | undefined;
};

export type FieldErrors = Partial<Record<keyof RawApplicationInput, string>>;

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const MAX_URLS = 20;

export function parseApplicationInput(raw: RawApplicationInput): Validated<ApplicationInput> {
  const errors: FieldErrors = {};
  const name = (raw.name ?? "").trim();
  if (name === "") errors.name = "Give the application a name.";
  else if (name.length > 100) errors.name = "Use at most 100 characters.";
  else if (/[\u0000-\u001f\u007f]/.test(name)) errors.name = "Use letters, digits and punctuation only (no control characters).";
  const description = (raw.description ?? "").trim();
  if (description.length > 1000) errors.description = "Use at most 1000 characters.";
  else if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(description)) errors.description = "Remove the control characters.";
  const website = (raw.website ?? "").trim();
  if (website !== "" && checkUrl(website, { httpsRequired: false }) !== null) {
    errors.website = "Enter an absolute http:// or https:// address, or leave it empty.";
  }
  const type = raw.type ?? "";
  if (type !== "confidential" && type !== "public") errors.type = "Choose confidential or public.";

  const redirectUris = unique(raw.redirectUris ?? []);
  const redirectProblem = checkUrlList(redirectUris);
  if (redirectProblem !== null) errors.redirectUris = redirectProblem;
  const callbackUrls = unique(raw.callbackUrls ?? []);
  const callbackProblem = checkUrlList(callbackUrls);
  if (callbackProblem !== null) errors.callbackUrls = callbackProblem;
  // OAuth 1.0a signs with a consumer secret, which a public client cannot keep
  else if (type === "public" && callbackUrls.length > 0) errors.callbackUrls = "Public applications cannot use OAuth 1.0a (it needs a consumer secret): leave this empty, or register a confidential application.";

  const scopes = unique(raw.scopes ?? []);
  const unknownScope = scopes.find((s) => findScope(s) === null);
  if (unknownScope !== undefined) errors.scopes = `"${unknownScope}" is not a fitgate scope.`;
  else if (scopes.length === 0) errors.scopes = "Choose at least one scope.";
  const defaultScopes = unique(raw.defaultScopes ?? []);
  const strayDefault = defaultScopes.find((s) => !scopes.includes(s));
  if (strayDefault !== undefined) errors.defaultScopes = `"${strayDefault}" is a default scope but not one of the application's scopes.`;

  const cidrs: string[] = [];
  for (const entry of unique(raw.cidrs ?? [])) {
    const cidr = parseCidr(entry);
    if (cidr === null) {
      errors.cidrs = `"${entry}" is not an IPv4 or IPv6 range in CIDR notation (e.g. 203.0.113.0/24 or 2001:db8::/32).`;
      break;
    }
    cidrs.push(formatCidr(cidr));
  }
  if (cidrs.length > 50) errors.cidrs = "Use at most 50 ranges.";

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      description,
      website,
      type: type as ClientType,
      redirectUris,
      callbackUrls,
      scopes,
      defaultScopes: defaultScopes.length === 0 ? scopes : defaultScopes,
      cidrs,
      // RFC 9700 §4.14.2: public clients cannot keep a refresh token safe, so theirs always rotate
      refreshRotation: type === "public" ? true : (raw.refreshRotation ?? false),
      mayIntrospect: type === "public" ? false : (raw.mayIntrospect ?? false),
    },
  };
}

/** a textarea with one entry per line (or several separated by spaces or commas): CIDR ranges */
export function splitList(text: string | undefined): string[] {
  return (text ?? "").split(/[\s,]+/).filter((line) => line !== "");
}

/** a textarea of URLs, one per line: a URL may hold a comma, and a line with spaces is one bad entry */
export function splitLines(text: string | undefined): string[] {
  return (text ?? "").split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ""))];
}

function checkUrlList(urls: readonly string[]): string | null {
  if (urls.length > MAX_URLS) return `Use at most ${MAX_URLS} addresses.`;
  for (const url of urls) {
    const problem = checkUrl(url, { httpsRequired: true });
    if (problem !== null) return `${url}: ${problem}`;
  }
  return null;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Redirect and callback URLs: absolute, no fragment (RFC 6749 §3.1.2), https unless the host is
 * the loopback interface (RFC 8252 §7.3), where a native app or a tutorial listens.
 */
export function checkUrl(value: string, options: { httpsRequired: boolean }): string | null {
  // the URL parser drops tabs and newlines and escapes spaces, so the URL a client later sends
  // would not be the one stored; and PostgreSQL text cannot hold a NUL
  if (/[\u0000-\u0020\u007f]/.test(value)) return "a URL cannot contain spaces or control characters.";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "not an absolute URL.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "use http:// or https://.";
  if (url.hash !== "" || value.includes("#")) return "a URL with a #fragment cannot receive a redirect.";
  if (url.username !== "" || url.password !== "") return "a URL cannot carry a user name or password.";
  if (options.httpsRequired && url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname)) {
    return "use https:// (http:// is allowed only for localhost, 127.0.0.1 and [::1]).";
  }
  if (value.length > 2000) return "too long.";
  return null;
}
