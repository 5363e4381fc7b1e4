// Python client scripts driven from tests: Debian's /usr/bin/python3 with requests_oauthlib (not a
// pyenv python on PATH), talking one JSON object per line on stdout and reading lines on stdin.
import { spawn, spawnSync } from "node:child_process";
import { createInterface } from "node:readline";

export const PYTHON = process.env.FITGATE_TEST_PYTHON ?? "/usr/bin/python3";

/** false, or why the Python tests skip; FITGATE_TEST_REQUIRE_BROWSER=1 (CI) fails instead */
export function pythonSkipReason(): false | string {
  const probe = spawnSync(PYTHON, ["-c", "import requests_oauthlib"], { encoding: "utf8" });
  if (probe.status === 0) return false;
  const reason = `${PYTHON} cannot import requests_oauthlib (apt-get install -y python3-requests-oauthlib)`;
  if (process.env.FITGATE_TEST_REQUIRE_BROWSER === "1") throw new Error(reason);
  return reason;
}

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
