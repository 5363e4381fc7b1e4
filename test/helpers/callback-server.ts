// The third-party application's callback endpoint for browser tests: a plain HTTP server on a
// free 127.0.0.1 port that answers every request with a small page and records the callbacks.
import { createServer, type Server } from "node:http";
import { freePort } from "./app.ts";
import { useSuiteValue } from "./suite.ts";

export type CallbackServer = Readonly<{
  /** http://127.0.0.1:PORT/callback, to register as the redirect URI or callback URL */
  url: string;
  /** every /callback URL requested, in order (the browser's other requests, e.g. /favicon.ico, are left out) */
  arrivals: readonly string[];
}>;

/** for the suite (test/helpers/suite.ts): listening before its first test, closed after its last */
export function useCallbackServer(): CallbackServer {
  const arrivals: string[] = [];
  const current = useSuiteValue("the suite's callback server", async () => {
    const port = await freePort();
    const server: Server = createServer((request, response) => {
      if (request.url?.startsWith("/callback") === true) arrivals.push(`http://127.0.0.1:${port}${request.url}`);
      response.writeHead(200, { "content-type": "text/html" }).end("<p>Back at the app</p>");
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    return { server, url: `http://127.0.0.1:${port}/callback` };
  }, ({ server }) => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections(); // a browser still open keeps its connections alive
  }));
  return { get url() { return current().url; }, arrivals };
}
