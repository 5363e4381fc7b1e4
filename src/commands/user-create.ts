// fitgate user create --email E --password-stdin [--json] → {"user_id": …}
import type { Config } from "../config.ts";
import { checkSignup } from "../domain/account-input.ts";
import { openRuntime } from "../runtime.ts";
import { signUp } from "../services/accounts.ts";
import { printResult, UsageError, type CliIo } from "./cli-io.ts";

export type UserCreateFlags = { email?: string | undefined; "password-stdin"?: boolean | undefined; json?: boolean | undefined };

export async function userCreateCommand(config: Config, io: CliIo, flags: UserCreateFlags): Promise<number> {
  if (flags.email === undefined) throw new UsageError("--email is required");
  if (flags["password-stdin"] !== true) throw new UsageError("--password-stdin is required: passwords are never passed as arguments (they would show in ps and shell history)");
  const password = (await io.readStdin()).replace(/\r?\n$/, "");
  const problems = checkSignup(flags.email, password);
  if (problems.email !== undefined) throw new UsageError(`--email: ${problems.email}`);
  if (problems.password !== undefined) throw new UsageError(`password: ${problems.password}`);

  const runtime = await openRuntime(config, (message) => io.err(`warning: ${message}`));
  try {
    const result = await signUp(runtime.deps.db, flags.email, password, new Date());
    if (!result.ok) throw new UsageError(result.errors.email ?? result.errors.password ?? "could not create the user");
    printResult(io, flags.json === true, { user_id: result.user.id });
    return 0;
  } finally {
    await runtime.close();
  }
}
