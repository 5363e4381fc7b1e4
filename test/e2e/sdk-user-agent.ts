// The user's side of a redirect flow, over a real socket without a browser: follows redirects,
// keeps cookies, logs in on /login and clicks Allow or Deny on the consent page by posting its
// form (hidden fields and CSRF token included), and stops at the first redirect that leaves
// the server — the app's callback — returning its URL. The browser-driven version of the same
// path is test/e2e/demo.test.ts.
import { parseAuthorizationResponse } from "../../sdk/src/oauth2/authorization-request.ts";
import { createOAuth2Client, type OAuth2ClientOptions } from "../../sdk/src/oauth2/client.ts";
import { discoverFitgate } from "../../sdk/src/presets/fitgate.ts";
import type { ApplicationInput } from "../../src/domain/application-input.ts";
import type { AppDeps } from "../../src/http/deps.ts";
import { createTestClient, createTestUser } from "../helpers/app.ts";

export type Decision = "allow" | "deny";

export type UserAgent = Readonly<{
  /** from the authorization URL to the callback URL the server redirected to */
  authorize(authorizationUrl: string | URL, decision?: Decision): Promise<URL>;
  /** OAuth 1 oob: from the authorization URL to the verifier the final page shows */
  authorizeOob(authorizationUrl: string | URL): Promise<string>;
  /** clicks Revoke for every app on /account/apps (logged in by an earlier authorize); how many */
  revokeConnectedApps(): Promise<number>;
}>;

function unescapeHtml(value: string): string {
  return value.replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** the form posting to `action` on the page, with its hidden inputs */
function formOf(page: string, action: string): URLSearchParams | null {
  for (const match of page.matchAll(/<form\b[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)) {
    if (unescapeHtml(match[1] ?? "") !== action) continue;
    const fields = new URLSearchParams();
    for (const input of (match[2] ?? "").matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? "";
      if (name !== undefined) fields.append(unescapeHtml(name), unescapeHtml(value));
    }
    return fields;
  }
  return null;
}

export function createUserAgent(serverUrl: string, credentials: { email: string; password: string }): UserAgent {
  const origin = new URL(serverUrl).origin;
  const cookies = new Map<string, string>();

  const request = async (url: URL, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (cookies.size > 0) headers.set("cookie", [...cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (value === "" || /max-age=0/i.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return response;
  };

  const post = (url: URL, form: URLSearchParams) => request(url, {
    method: "POST", body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" },
  });

  /** clicks through until a redirect leaves the server (URL) or a page has no form to submit (its HTML) */
  const walk = async (authorizationUrl: string | URL, decision: Decision): Promise<URL | string> => {
    let url = new URL(authorizationUrl);
    let response = await request(url);
    for (let hop = 0; hop < 20; hop++) {
      if (response.status >= 300 && response.status < 400) {
        const next = new URL(response.headers.get("location") ?? "", url);
        await response.body?.cancel();
        if (next.origin !== origin) return next; // the app's callback
        url = next;
        response = await request(url);
        continue;
      }
      const page = await response.text();
      if (response.status !== 200) throw new Error(`HTTP ${response.status} at ${url.pathname}: ${page.slice(0, 300)}`);
      const login = formOf(page, "/login");
      const consent = formOf(page, "/oauth2/authorize") ?? formOf(page, "/oauth/authorize");
      if (login !== null && url.pathname === "/login") {
        login.set("email", credentials.email);
        login.set("password", credentials.password);
        response = await post(new URL("/login", origin), login);
      } else if (consent !== null) {
        consent.set("decision", decision);
        response = await post(new URL(formOf(page, "/oauth2/authorize") === null ? "/oauth/authorize" : "/oauth2/authorize", origin), consent);
      } else {
        return page;
      }
    }
    throw new Error("too many redirects");
  };

  return {
    async authorize(authorizationUrl, decision = "allow") {
      const end = await walk(authorizationUrl, decision);
      if (typeof end === "string") throw new Error(`no login or consent form: ${end.slice(0, 300)}`);
      return end;
    },
    async authorizeOob(authorizationUrl) {
      const end = await walk(authorizationUrl, "allow");
      const verifier = typeof end === "string" ? /<output id="verifier"[^>]*>([^<]+)<\/output>/.exec(end)?.[1] : undefined;
      if (verifier === undefined) throw new Error(`no verifier page at the end: ${String(end).slice(0, 300)}`);
      return unescapeHtml(verifier.trim());
    },
    async revokeConnectedApps() {
      const response = await request(new URL("/account/apps", origin));
      const page = await response.text();
      if (response.status !== 200) throw new Error(`HTTP ${response.status} at /account/apps`);
      const actions = [...page.matchAll(/action="(\/account\/apps\/[^"]+\/revoke)"/g)].map((m) => unescapeHtml(m[1] ?? ""));
      for (const action of actions) {
        const revoked = await post(new URL(action, origin), formOf(page, action) ?? new URLSearchParams());
        await revoked.body?.cancel();
        if (revoked.status >= 400) throw new Error(`HTTP ${revoked.status} revoking at ${action}`);
      }
      return actions.length;
    },
  };
}

/**
 * The SDK's whole authorization-code flow against a test server: a new user and client, the
 * authorization URL with PKCE, login + Allow, the callback checked, the code exchanged.
 */
export async function authorizeWithSdk(
  server: { url: string; deps: AppDeps },
  options: { scope?: string; clientOptions?: (clientId: string) => Partial<OAuth2ClientOptions>; overrides?: Partial<ApplicationInput> } = {},
) {
  const user = await createTestUser(server.deps);
  const registered = await createTestClient(server.deps, options.overrides);
  const preset = await discoverFitgate(server.url);
  const client = createOAuth2Client({
    clientId: registered.client.id,
    clientSecret: registered.secrets?.clientSecret ?? null,
    authorizationEndpoint: preset.authorizationEndpoint,
    tokenEndpoint: preset.tokenEndpoint,
    revocationEndpoint: preset.revocationEndpoint,
    ...options.clientOptions?.(registered.client.id),
  });
  const redirectUri = registered.client.redirectUris[0] ?? "";
  const pending = await client.createAuthorizationRequest({ redirectUri, scope: options.scope });
  const agent = createUserAgent(server.url, user);
  const callback = await agent.authorize(pending.url);
  const { code } = parseAuthorizationResponse(callback, { state: pending.state, issuer: server.url });
  const tokens = await client.exchangeCode({ code, redirectUri, codeVerifier: pending.codeVerifier });
  return { user, registered, client, tokens, pending, agent };
}
