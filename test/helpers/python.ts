// Python client scripts driven from tests: Debian's /usr/bin/python3 with requests_oauthlib (not a
// pyenv python on PATH; services.ts says whether it is there), talking one JSON object per line on
// stdout and reading lines on stdin.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { PYTHON } from "./services.ts";

export type PythonScript = Readonly<{
  /** the next JSON line the script printed */
  next(): Promise<Record<string, unknown>>;
  /** a line for the script's stdin */
  writeLine(line: string): void;
  kill(): void;
}>;

export function runPythonScript(script: string, args: readonly string[]): PythonScript {
  const python = spawn(PYTHON, [script, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  python.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
  const lines = createInterface({ input: python.stdout })[Symbol.asyncIterator]();
  return {
    async next() {
      const line = await lines.next();
      if (line.done) throw new Error(`python ended early: ${stderr}`);
      const value: unknown = JSON.parse(line.value);
      if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`python printed ${line.value}`);
      return Object.fromEntries(Object.entries(value));
    },
    writeLine: (line) => python.stdin.write(`${line}\n`),
    kill: () => python.kill(),
  };
}
