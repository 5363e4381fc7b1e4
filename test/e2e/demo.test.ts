// `npx fitgate demo` run as a developer would, to the end, against a real fitgate: the command
// prints the authorization URL (--no-browser), Chromium (playwright-core) plays the user — log
// in, Allow — and the command receives the callback, exchanges the code, calls the API and
// refreshes. The same for `--oauth1` with a callback and with oob (the verifier read from the
// page's <output id="verifier"> and typed into the command). Secrets never reach the output.
import assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { createTestClient, createTestUser, freePort } from "../helpers/app.ts";
import { browserSkipReason, logInAndAllow, useBrowser } from "../helpers/browser.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { useTestServer } from "../helpers/suite.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const [sqlite] = await databaseTargets();
const skip = browserSkipReason();

type Demo = { child: ChildProcessWithoutNullStreams; output(): string; waitFor(pattern: RegExp): Promise<RegExpExecArray>; exit: Promise<number | null> };

function runDemo(args: string[]): Demo {
  const child = spawn("npx", ["fitgate", "demo", ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
  let output = "";
  const waiters: { pattern: RegExp; resolve(match: RegExpExecArray): void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(output);
      if (match !== null) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stdout.on("data", (chunk: Buffer) => { output += chunk.toString(); check(); });
  child.stderr.on("data", (chunk: Buffer) => { output += chunk.toString(); });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child, exit, output: () => output,
    waitFor: (pattern) => new Promise((resolve, reject) => {
      waiters.push({ pattern, resolve });
      check();
      void exit.then((code) => reject(new Error(`demo exited (${code}) before printing ${pattern}:\n${output}`)));
    }),
  };
}

describe("npx fitgate demo, driven by Chromium", { skip, timeout: 120_000 }, () => {
  const server = useTestServer(sqlite!);
  const browser = useBrowser();

  async function setUp() {
    const port = await freePort();
    const redirect = `http://localhost:${port}/callback`;
    const registered = await createTestClient(server.deps, { redirectUris: [redirect], callbackUrls: [redirect] });
    const user = await createTestUser(server.deps);
    const page = await (await browser().newContext()).newPage();
    return { port, registered, user, page };
  }

  it("replays the MapMyFitness tutorial: callback, code, token exchange, API call, refresh", async () => {
    const { port, registered, user, page } = await setUp();
    const secret = registered.secrets?.clientSecret ?? "";
    const demo = runDemo(["--issuer", server.url, "--client-id", registered.client.id, `--client-secret=${secret}`, "--port", String(port), "--no-browser", "--timeout", "60"]);
    const [, url] = await demo.waitFor(/authorization URL: (\S+)/);
    await logInAndAllow(page, url ?? "", user);
    assert.match(await page.locator("body").innerText(), /close this window/);
    assert.equal(await demo.exit, 0, demo.output());
    const output = demo.output();
    for (const step of ["discover", "receive the authorization code", "exchange the code", "call the API", "refresh the access token"]) assert.match(output, new RegExp(step));
    assert.match(output, /api-key: /i);
    assert.match(output, /client_secret=<redacted>/);
    assert.match(output, /Done:/);
    assert.equal(output.includes(secret), false, "the client secret was printed");
  });

  it("says so and uses another port when the requested one is taken", async () => {
    const { registered } = await setUp();
    const demo = runDemo(["--issuer", server.url, "--client-id", registered.client.id, "--client-secret", "x", "--port", String(new URL(server.url).port), "--no-browser", "--timeout", "1"]);
    await demo.waitFor(/is taken: listening on \d+ instead/);
    demo.child.kill();
    await demo.exit;
  });

  it("replays FatSecret's three-legged OAuth 1.0a flow with a callback (--oauth1)", async () => {
    const { port, registered, user, page } = await setUp();
    const secret = registered.secrets?.consumerSecret ?? "";
    const demo = runDemo(["--oauth1", "--issuer", server.url, "--consumer-key", registered.client.consumerKey ?? "", `--consumer-secret=${secret}`, "--port", String(port), "--no-browser", "--timeout", "60"]);
    const [, url] = await demo.waitFor(/authorization URL: (\S+)/);
    await logInAndAllow(page, url ?? "", user);
    assert.equal(await demo.exit, 0, demo.output());
    assert.match(demo.output(), /oauth_callback="http%3A%2F%2Flocalhost%3A\d+%2Fcallback"/);
    assert.match(demo.output(), /oauth_token_secret=<redacted>/);
    assert.equal(demo.output().includes(secret), false, "the consumer secret was printed");
  });

  it("replays it out of band (--oauth1 --oob): the verifier on the page is typed into the command", async () => {
    const { registered, user, page } = await setUp();
    const demo = runDemo(["--oauth1", "--oob", "--issuer", server.url, "--consumer-key", registered.client.consumerKey ?? "", `--consumer-secret=${registered.secrets?.consumerSecret ?? ""}`, "--no-browser"]);
    const [, url] = await demo.waitFor(/authorization URL: (\S+)/);
    await logInAndAllow(page, url ?? "", user);
    const verifier = (await page.locator("output#verifier").innerText()).trim();
    await demo.waitFor(/Enter the verifier/);
    demo.child.stdin.end(`${verifier}\n`);
    assert.equal(await demo.exit, 0, demo.output());
    assert.match(demo.output(), /Done:/);
  });
});
