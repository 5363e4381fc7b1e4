// How commands talk: a result as JSON (--json) or as readable lines, errors on stderr with a
// non-zero exit code. Commands return an exit code rather than calling process.exit.
export type CliIo = Readonly<{
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
}>;

export class UsageError extends Error {}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readStdin: async () => {
    if (process.stdin.isTTY) throw new UsageError("--password-stdin expects the password on standard input (e.g. echo \"$PW\" | fitgate …)");
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString("utf8");
  },
};

export function printResult(io: CliIo, json: boolean, value: Record<string, unknown>): void {
  if (json) {
    io.out(JSON.stringify(value));
    return;
  }
  for (const [key, item] of Object.entries(value)) io.out(`${key}: ${Array.isArray(item) ? item.join(" ") : String(item)}`);
}
