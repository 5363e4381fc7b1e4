// A fetch that prints what travels — method, URL, headers, form or JSON bodies, status — with
// every secret masked: client secrets and token secrets redacted, codes and tokens cut to their
// first characters. For tutorials, demos and debugging; never log raw credentials.
import type { FetchLike } from "../http.ts";

const REDACTED = new Set(["client_secret", "oauth_token_secret", "password", "code_verifier"]);
// oauth_signature is shown: it is bound to one nonce and timestamp, and comparing it helps debugging
const SHORTENED = new Set(["code", "access_token", "refresh_token", "id_token", "token", "oauth_token", "oauth_verifier"]);

/** a few characters from each end, so two values can be told apart (JWTs all start "eyJhbG") without being usable */
export function maskSecret(value: string): string {
  if (value.length <= 8) return "<redacted>";
  return value.length < 24 ? `${value.slice(0, 6)}…` : `${value.slice(0, 6)}…${value.slice(-4)}`;
}

export function maskParameter(name: string, value: string): string {
  if (REDACTED.has(name)) return "<redacted>";
  return SHORTENED.has(name) ? maskSecret(value) : value;
}

/** a form-encoded string (body or query) with its secret parameters masked */
export function maskForm(form: string): string {
  return [...new URLSearchParams(form)].map(([name, value]) => `${name}=${maskParameter(name, value)}`).join("&");
}

export function maskUrl(url: string | URL): string {
  const parsed = new URL(url);
  return parsed.search === "" ? parsed.href : `${parsed.origin}${parsed.pathname}?${maskForm(parsed.search)}`;
}

export function maskAuthorization(value: string): string {
  const [scheme = "", credentials = ""] = value.split(/ (.*)/s);
  if (/^basic$/i.test(scheme)) return `${scheme} <redacted client_id:client_secret>`;
  if (/^bearer$/i.test(scheme)) return `${scheme} ${maskSecret(credentials)}`;
  if (/^oauth$/i.test(scheme)) {
    return `${scheme} ${credentials.replace(/(oauth_[a-z_]+)="([^"]*)"/g, (_, name: string, v: string) => `${name}="${maskParameter(name, v)}"`)}`;
  }
  return "<redacted>";
}

function maskJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), (name, value: unknown) => typeof value === "string" && name !== "" ? maskParameter(name, value) : value);
  } catch {
    return maskBody(text, "text/plain");
  }
}

function maskBody(text: string, contentType: string): string {
  if (contentType.includes("json")) return maskJson(text);
  if (contentType.includes("x-www-form-urlencoded") || /^[\w.%+-]+=[^<>{}\s]*(&|$)/.test(text)) return maskForm(text);
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}… (${text.length} characters)` : oneLine;
}

export function createTracingFetch(log: (line: string) => void, inner: FetchLike = (input, init) => fetch(input, init)): FetchLike {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const headers = new Headers(init?.headers);
    log(`→ ${init?.method ?? "GET"} ${maskUrl(url)}`);
    for (const [name, value] of headers) log(`    ${name}: ${name === "authorization" ? maskAuthorization(value) : value}`);
    if (typeof init?.body === "string" || init?.body instanceof URLSearchParams) {
      log(`    body: ${maskBody(String(init.body), headers.get("content-type") ?? "application/x-www-form-urlencoded")}`);
    }
    const response = await inner(input, init);
    const text = await response.clone().text();
    log(`← ${response.status} ${response.statusText}${response.headers.has("location") ? ` location: ${maskUrl(new URL(response.headers.get("location") ?? "", url))}` : ""}`);
    if (text !== "") log(`    body: ${maskBody(text, response.headers.get("content-type") ?? "")}`);
    return response;
  };
}
