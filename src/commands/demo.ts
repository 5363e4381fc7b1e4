// fitgate demo: the MapMyFitness OAuth 2 tutorial (seeds/001) replayed against a fitgate with
// the SDK — callback server on port 12345, browser, code, token exchange (form-encoded, client
// credentials in the body and an Api-Key header, as the tutorial sends them), an API call, a
// refresh — printing every step and what travels, secrets masked. `--oauth1` replays FatSecret's
// three-legged flow instead (seeds/002, 003), with a callback or `--oob`.
// It takes the credentials of an existing client (`fitgate client create` prints them).
import { spawn } from "node:child_process";
import type { Config } from "../config.ts";
import { createTracingFetch, maskSecret } from "../../sdk/src/debug/tracing-fetch.ts";
import { startCallbackServer, type CallbackServer } from "../../sdk/src/node/callback-server.ts";
import { parseAuthorizationResponse } from "../../sdk/src/oauth2/authorization-request.ts";
import { createOAuth2Client } from "../../sdk/src/oauth2/client.ts";
import { discoverAuthorizationServer } from "../../sdk/src/oauth2/discovery.ts";
import { bearerTransport } from "../../sdk/src/api/transport.ts";
import { createFitgateApi } from "../../sdk/src/api/client.ts";
import { createTokenManager } from "../../sdk/src/oauth2/token-manager.ts";
import { UsageError, type CliIo } from "./cli-io.ts";
import { runOAuth1Demo } from "./demo-oauth1.ts";

export type DemoFlags = {
  issuer?: string | undefined;
  "client-id"?: string | undefined;
  "client-secret"?: string | undefined;
  "consumer-key"?: string | undefined;
  "consumer-secret"?: string | undefined;
  scope?: string | undefined;
  port?: string | undefined;
  timeout?: string | undefined;
  "no-browser"?: boolean | undefined;
  oauth1?: boolean | undefined;
  oob?: boolean | undefined;
};

export const DEMO_USAGE = `demo [--issuer URL] --client-id ID --client-secret SECRET [--scope "s1 s2"] [--port 12345] [--no-browser]
       demo --oauth1 [--issuer URL] --consumer-key KEY --consumer-secret SECRET [--oob] [--port 12345] [--no-browser]`;

export type DemoContext = Readonly<{
  io: CliIo;
  issuer: string;
  step(title: string): void;
  tracingFetch: ReturnType<typeof createTracingFetch>;
  openBrowser: boolean;
  port: number;
  timeoutSeconds: number;
}>;

export async function demoCommand(config: Config, io: CliIo, flags: DemoFlags): Promise<number> {
  const context = createDemoContext(config, io, flags);
  const run = flags.oauth1 === true
    ? () => runOAuth1Demo(context, {
      consumerKey: required(flags["consumer-key"], "--consumer-key"),
      consumerSecret: required(flags["consumer-secret"], "--consumer-secret"),
      oob: flags.oob === true,
    })
    : () => runOAuth2Demo(context, {
      clientId: required(flags["client-id"], "--client-id"),
      clientSecret: required(flags["client-secret"], "--client-secret"),
      scope: flags.scope ?? null,
    });
  try {
    return await run();
  } catch (error) {
    // undici's "fetch failed" says nothing about where: name the server and the likely fix
    if (error instanceof TypeError && error.message === "fetch failed") {
      const reason = error.cause instanceof Error ? error.cause.message : "no answer";
      throw new Error(`cannot reach ${context.issuer} (${reason}); is fitgate running there (npx fitgate serve)?`);
    }
    throw error;
  }
}

function createDemoContext(config: Config, io: CliIo, flags: DemoFlags): DemoContext {
  const issuer = (flags.issuer ?? config.issuer.href).replace(/\/$/, "");
  if (!URL.canParse(issuer)) throw new UsageError(`--issuer: not a URL: ${issuer}`);
  const port = Number(flags.port ?? "12345");
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--port: expected a port number (0-65535)");
  const timeoutSeconds = Number(flags.timeout ?? "300");
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UsageError("--timeout: expected seconds");
  let count = 0;
  return {
    io, issuer, port, timeoutSeconds,
    openBrowser: flags["no-browser"] !== true,
    step: (title) => io.out(`\n== Step ${++count}: ${title}`),
    tracingFetch: createTracingFetch((line) => io.out(line)),
  };
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === "") {
    throw new UsageError(`${flag} is required. Create a client first, e.g.:\n  npx fitgate client create --name "Demo" --type confidential --redirect-uri http://localhost:12345/callback --callback-url http://localhost:12345/callback\n\nusage: fitgate ${DEMO_USAGE}`);
  }
  return value;
}

async function runOAuth2Demo(context: DemoContext, options: { clientId: string; clientSecret: string; scope: string | null }): Promise<number> {
  const { io, step } = context;
  step("discover the authorization server (RFC 8414)");
  const metadata = await discoverAuthorizationServer(context.issuer, { fetch: context.tracingFetch });
  if (metadata.authorizationEndpoint === null) throw new Error("the server's metadata has no authorization_endpoint");
  const client = createOAuth2Client({
    clientId: options.clientId, clientSecret: options.clientSecret,
    authentication: "client_secret_post", // the tutorial sends client_id and client_secret in the body…
    headers: { "Api-Key": options.clientId }, // …and the client id again as Api-Key
    authorizationEndpoint: metadata.authorizationEndpoint, tokenEndpoint: metadata.tokenEndpoint,
    revocationEndpoint: metadata.revocationEndpoint, fetch: context.tracingFetch,
  });

  step("start a server to receive the callback");
  const server = await startDemoCallbackServer(context);
  try {
    step("send the user to the authorization page (PKCE S256 and state)");
    const pending = await client.createAuthorizationRequest({ redirectUri: server.redirectUri, scope: options.scope ?? undefined });
    io.out(`code_verifier (kept by the app): ${maskSecret(pending.codeVerifier ?? "")}\nstate: ${pending.state}`);
    await showUrl(context, pending.url);

    step("receive the authorization code");
    const callback = await server.waitForCallback({ timeoutSeconds: context.timeoutSeconds });
    io.out(`callback: ${callback.pathname}?${[...callback.searchParams].map(([k, v]) => `${k}=${k === "code" ? maskSecret(v) : v}`).join("&")}`);
    const { code } = parseAuthorizationResponse(callback, {
      state: pending.state, issuer: metadata.issuer, issuerRequired: metadata.authorizationResponseIssParameterSupported,
    });

    step("exchange the code for an access token and a refresh token");
    const tokens = await client.exchangeCode({ code, redirectUri: pending.redirectUri, codeVerifier: pending.codeVerifier });
    io.out(`access token expires at ${tokens.expiresAt?.toISOString() ?? "(not said)"}; scope: ${tokens.scope?.join(" ") ?? "(as requested)"}`);

    step("call the API with the access token");
    const manager = createTokenManager({ client, fetch: context.tracingFetch });
    await manager.setTokens(tokens);
    const api = createFitgateApi({ baseUrl: context.issuer, transport: bearerTransport(manager) });
    const canReadProfile = tokens.scope === null || tokens.scope.includes("profile");
    await (canReadProfile ? api.profile.get() : api.foods.search("toast", { maxResults: 3 }));

    step("refresh the access token");
    if (tokens.refreshToken === null) {
      io.out("the server issued no refresh token; nothing to refresh");
    } else {
      const refreshed = await manager.renew();
      io.out(`new access token ${maskSecret(refreshed.accessToken)} expires at ${refreshed.expiresAt?.toISOString() ?? "(not said)"}`);
    }
    io.out("\nDone: authorization code → tokens → API → refresh, all against " + context.issuer);
    return 0;
  } finally {
    await server.close();
  }
}

export async function startDemoCallbackServer(context: DemoContext): Promise<CallbackServer> {
  const server = await startCallbackServer({ port: context.port });
  if (!server.gotRequestedPort) {
    context.io.out(`port ${context.port} is taken: listening on ${server.port} instead. Register ${server.redirectUri} as a redirect URI / callback URL of the client, or free port ${context.port}.`);
  }
  context.io.out(`listening for the callback on ${server.redirectUri}`);
  return server;
}

/** opens the system browser when there is one (xdg-open, open, start), else prints the URL only */
export async function showUrl(context: DemoContext, url: URL): Promise<void> {
  context.io.out(`authorization URL: ${url.href}`);
  if (!context.openBrowser) {
    context.io.out("open it in a browser (--no-browser given)");
    return;
  }
  const [command, ...args] = process.platform === "darwin" ? ["open", url.href] : process.platform === "win32" ? ["cmd", "/c", "start", "", url.href] : ["xdg-open", url.href];
  const opened = await new Promise<boolean>((resolve) => {
    const child = spawn(command ?? "xdg-open", args, { stdio: "ignore", detached: true });
    child.once("error", () => resolve(false));
    child.once("spawn", () => {
      child.unref();
      resolve(true);
    });
  });
  context.io.out(opened ? "opened in your browser; log in and click Allow" : "no browser could be opened here: open the URL above yourself");
}
