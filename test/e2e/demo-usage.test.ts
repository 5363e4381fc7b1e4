// `fitgate demo` refuses what it cannot run with a usage error (exit 2) that says how to get
// client credentials, and reports an unreachable issuer as a plain failure (exit 1).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CliIo } from "../../src/commands/cli-io.ts";
import { runCli } from "../../src/main.ts";
import { freePort } from "../helpers/app.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => "" };
  return { io, out, err };
}

const env = { FITGATE_LOG_LEVEL: "warn" };

describe("fitgate demo's flags", () => {
  const usage: [string, string[], RegExp][] = [
    ["no client id", ["demo", "--client-secret", "s"], /--client-id is required[\s\S]*fitgate client create/],
    ["no consumer key with --oauth1", ["demo", "--oauth1", "--consumer-secret", "s"], /--consumer-key is required/],
    ["a port that is not a number", ["demo", "--client-id", "c", "--client-secret", "s", "--port", "http"], /--port/],
    ["an issuer that is not a URL", ["demo", "--client-id", "c", "--client-secret", "s", "--issuer", "not a url"], /--issuer/],
    ["an unknown flag", ["demo", "--client-id", "c", "--client-secret", "s", "--colour"], /colour/],
  ];
  for (const [what, argv, message] of usage) {
    it(`exits 2 for ${what}`, async () => {
      const { io, err } = capture();
      assert.equal(await runCli(argv, io, env), 2);
      assert.match(err.join("\n"), message);
    });
  }

  it("exits 1 with the reason when the issuer does not answer", async () => {
    const { io, err } = capture();
    const port = await freePort();
    assert.equal(await runCli(["demo", "--issuer", `http://127.0.0.1:${port}`, "--client-id", "c", "--client-secret", "s", "--no-browser"], io, env), 1);
    assert.match(err.join("\n"), /fitgate demo: cannot reach http:\/\/127.0.0.1:\d+ .*npx fitgate serve/);
  });
});
