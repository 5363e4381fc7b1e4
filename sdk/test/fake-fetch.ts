// A recording fetch for unit tests: answers from a handler, keeps every request it saw.
import type { FetchLike } from "../src/http.ts";

export type SeenRequest = { url: string; method: string; headers: Headers; body: string };

export function createFakeFetch(handler: (request: SeenRequest) => Response | Promise<Response>): FetchLike & { seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const fake = async (input: string | URL | Request, init?: RequestInit) => {
    const request: SeenRequest = {
      url: String(input instanceof Request ? input.url : input),
      method: init?.method ?? "GET",
      headers: new Headers(init?.headers),
      body: typeof init?.body === "string" ? init.body : init?.body instanceof URLSearchParams ? init.body.toString() : "",
    };
    seen.push(request);
    return handler(request);
  };
  return Object.assign(fake, { seen });
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}
