// The runnable examples in examples/ run, as documented, against a real fitgate: the user's part
// of each flow is done over HTTP by the test's user agent (login, Allow).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { createTestClient, createTestUser, freePort } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { createUserAgent } from "./sdk-user-agent.ts";
import { useTestServer } from "../helpers/suite.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const [sqlite] = await databaseTargets();

/** runs an example; `onOutput` sees everything printed so far and may answer once per call */
function runExample(file: string, env: Record<string, string>, onOutput: (output: string, stdin: NodeJS.WritableStream) => void = () => undefined) {
  const child = spawn(process.execPath, [join(ROOT, "examples", file)], { cwd: ROOT, env: { ...process.env, ...env } });
  let output = "";
  const seen = (chunk: Buffer) => {
    output += chunk.toString();
    onOutput(output, child.stdin);
  };
  child.stdout.on("data", seen);
  child.stderr.on("data", seen);
  return new Promise<{ code: number | null; output: string }>((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

describe("the SDK examples against fitgate", { timeout: 60_000 }, () => {
  const server = useTestServer(sqlite!, { seedFoods: true });

  it("client-credentials.ts searches the catalogue with the app's own token", async () => {
    const { client, secrets } = await createTestClient(server.deps);
    const result = await runExample("client-credentials.ts", { FITGATE_ISSUER: server.url, FITGATE_CLIENT_ID: client.id, FITGATE_CLIENT_SECRET: secrets?.clientSecret ?? "" });
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /foods match/i);
  });

  it("authorization-code.ts authorizes once, then reuses the stored tokens", async () => {
    const port = await freePort();
    const redirect = `http://localhost:${port}/callback`;
    const { client, secrets } = await createTestClient(server.deps, { redirectUris: [redirect] });
    const user = await createTestUser(server.deps);
    const env = {
      FITGATE_ISSUER: server.url, FITGATE_CLIENT_ID: client.id, FITGATE_CLIENT_SECRET: secrets?.clientSecret ?? "",
      FITGATE_CALLBACK_PORT: String(port), FITGATE_TOKEN_FILE: join(mkdtempSync(join(tmpdir(), "fitgate-example-")), "tokens.json"),
    };
    let started = false;
    const first = await runExample("authorization-code.ts", env, (output) => {
      const url = /Open this URL.*\n(\S+)/.exec(output)?.[1];
      if (url === undefined || started) return;
      started = true;
      void createUserAgent(server.url, user).authorize(url).then((callback) => fetch(callback));
    });
    assert.equal(first.code, 0, first.output);
    assert.match(first.output, /authorized; tokens saved/);
    assert.match(first.output, /today's diary/);
    const second = await runExample("authorization-code.ts", env);
    assert.equal(second.code, 0, second.output);
    assert.doesNotMatch(second.output, /Open this URL/);
  });

  it("oauth1-three-legged.ts runs the oob flow and makes signed calls", async () => {
    const { client, secrets } = await createTestClient(server.deps);
    const user = await createTestUser(server.deps);
    let started = false;
    const result = await runExample("oauth1-three-legged.ts", {
      FITGATE_ISSUER: server.url, FITGATE_CONSUMER_KEY: client.consumerKey ?? "", FITGATE_CONSUMER_SECRET: secrets?.consumerSecret ?? "",
    }, (output, stdin) => {
      const url = /Open this URL.*\n(\S+)/.exec(output)?.[1];
      if (url === undefined || started) return;
      started = true;
      void createUserAgent(server.url, user).authorizeOob(url).then((verifier) => stdin.write(`${verifier}\n`));
    });
    assert.equal(result.code, 0, result.output);
    assert.match(result.output, /this month's weights/);
  });
});
