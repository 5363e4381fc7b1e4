// A one-shot loopback redirect receiver for CLIs and scripts (RFC 8252 §7.3): listens on
// 127.0.0.1 (and ::1 when the machine has it, since browsers may resolve "localhost" to
// either), answers the first request to the callback path with a small page, and hands its
// URL to the app. The MapMyFitness tutorial (fitgate seeds/001) does the same with Python's
// HTTPServer on port 12345.
import { createServer, type RequestListener, type Server } from "node:http";

export type CallbackServer = Readonly<{
  /** the port actually listened on (the requested one, or a free one when it was taken) */
  port: number;
  /** false when the requested port was taken and another was chosen */
  gotRequestedPort: boolean;
  /** http://localhost:<port><path> */
  redirectUri: string;
  /** resolves with the full callback URL the browser was sent to */
  waitForCallback(options?: { timeoutSeconds?: number }): Promise<URL>;
  close(): Promise<void>;
}>;

export type CallbackServerOptions = Readonly<{
  port?: number | undefined;
  path?: string | undefined;
  /** when the port is taken: pick a free one (default) or fail */
  fallbackToFreePort?: boolean | undefined;
  /** the page the browser sees once the callback arrived */
  successPage?: string | undefined;
}>;

const DEFAULT_PAGE = "<!doctype html><meta charset=utf-8><title>Done</title><p>The application received your answer. You can close this window.";

export async function startCallbackServer(options: CallbackServerOptions = {}): Promise<CallbackServer> {
  const path = options.path ?? "/callback";
  let deliver: (url: URL) => void = () => undefined;
  const received = new Promise<URL>((resolve) => {
    deliver = resolve;
  });
  const handler: RequestListener = (request, response) => {
    const url = new URL(request.url ?? "/", `http://localhost:${port}`);
    if (request.method !== "GET" || url.pathname !== path) {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" }).end(options.successPage ?? DEFAULT_PAGE);
    deliver(url);
  };

  const requested = options.port ?? 12345;
  const servers: Server[] = [];
  let port: number;
  let gotRequestedPort = true;
  try {
    port = await listen(servers, handler, "127.0.0.1", requested);
  } catch (error) {
    if (!(options.fallbackToFreePort ?? true) || !isAddressInUse(error)) throw error;
    gotRequestedPort = false;
    port = await listen(servers, handler, "127.0.0.1", 0);
  }
  await listen(servers, handler, "::1", port).catch(() => undefined); // no IPv6 loopback: fine

  const close = () => Promise.all(servers.map((server) => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }))).then(() => undefined);

  return {
    port,
    gotRequestedPort,
    redirectUri: `http://localhost:${port}${path}`,
    waitForCallback({ timeoutSeconds = 300 } = {}) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no callback within ${timeoutSeconds} seconds`)), timeoutSeconds * 1000);
      });
      return Promise.race([received, timeout]).finally(() => clearTimeout(timer));
    },
    close,
  };
}

function listen(servers: Server[], handler: RequestListener, host: string, port: number): Promise<number> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      servers.push(server);
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    });
  });
}

function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && "code" in error && (error.code === "EADDRINUSE" || error.code === "EACCES");
}
