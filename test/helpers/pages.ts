// A cookie-keeping client for HTTP-level page tests through app.inject(): it fetches a page,
// takes the CSRF token from the form's hidden field and posts the form as a browser would.
import assert from "node:assert/strict";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { createTestUser, type AppUnderTest } from "./app.ts";

export type PageClient = Readonly<{
  get(url: string): Promise<LightMyRequestResponse>;
  /** GET `pageUrl`, then POST `fields` (+ its csrf_token) to `action` */
  submit(pageUrl: string, action: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
  post(action: string, fields: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
  cookies: Map<string, string>;
}>;

export function createPageClient(app: FastifyInstance): PageClient {
  const cookies = new Map<string, string>();
  const remember = (response: LightMyRequestResponse) => {
    for (const cookie of response.cookies) {
      if (cookie.value === "" || cookie.maxAge === 0 || (cookie.expires instanceof Date && cookie.expires.getTime() < Date.now())) cookies.delete(cookie.name);
      else cookies.set(cookie.name, cookie.value);
    }
    return response;
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const encode = (fields: Record<string, string | string[]>) => {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(name, v);
    return form.toString();
  };
  const client: PageClient = {
    cookies,
    async get(url) {
      return remember(await app.inject({ method: "GET", url, headers: { cookie: cookieHeader() } }));
    },
    async post(action, fields) {
      return remember(await app.inject({
        method: "POST", url: action, payload: encode(fields),
        headers: { cookie: cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
      }));
    },
    async submit(pageUrl, action, fields) {
      const page = await client.get(pageUrl);
      const token = /name="csrf_token" value="([^"]+)"/.exec(page.body)?.[1];
      if (token === undefined) throw new Error(`no csrf_token on ${pageUrl} (status ${page.statusCode})`);
      return client.post(action, { csrf_token: token, ...fields });
    },
  };
  return client;
}

/** a new user, logged in through /login: the user (with its password) and its page client */
export async function loggedInPageClient(t: AppUnderTest) {
  const user = await createTestUser(t.deps);
  const page = createPageClient(t.app);
  const login = await page.submit("/login", "/login", { email: user.email, password: user.password });
  assert.equal(login.statusCode, 303, login.body);
  return { user, page };
}
