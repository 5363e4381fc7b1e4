// The little HTTP the SDK needs: form posts, JSON bodies read with explicit checks (never `as`
// on what a server sent), base64url. Everything takes an injectable fetch.
import { InvalidResponseError } from "./errors.ts";

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** a required non-empty string member, or InvalidResponseError naming it */
export function readString(body: JsonObject, name: string, where: string): string {
  const value = body[name];
  if (typeof value !== "string" || value === "") throw new InvalidResponseError(`${where}: "${name}" must be a non-empty string`);
  return value;
}

/** an optional string member: absent or null → null; any other type is an error */
export function readOptionalString(body: JsonObject, name: string, where: string): string | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new InvalidResponseError(`${where}: "${name}" must be a string`);
  return value;
}

export function readOptionalStringArray(body: JsonObject, name: string, where: string): string[] | null {
  const value = body[name];
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new InvalidResponseError(`${where}: "${name}" must be an array of strings`);
  }
  return [...value];
}

/** reads a response body as JSON; a body that is not JSON becomes InvalidResponseError */
export async function readJsonBody(response: Response, where: string): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidResponseError(`${where}: expected JSON, got HTTP ${response.status} ${JSON.stringify(text.slice(0, 120))}`, response.status);
  }
}

export function postForm(fetchImpl: FetchLike, url: string | URL, form: URLSearchParams, headers: Record<string, string>): Promise<Response> {
  return fetchImpl(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", ...headers },
    body: form.toString(),
    redirect: "manual",
  });
}

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** 256 bits from the platform's CSPRNG, base64url (43 characters) */
export function generateRandomToken(byteLength = 32): string {
  return base64UrlEncode(crypto.getRandomValues(new Uint8Array(byteLength)));
}

export function defaultFetch(): FetchLike {
  return (input, init) => fetch(input, init);
}
