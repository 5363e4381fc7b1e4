// The fitgate CLI (SPEC §5): argv → one of commands/*. Flags are checked before anything is
// opened or written; a bad flag prints what is wrong and exits 2.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { clientCreateCommand, type ClientCreateFlags } from "./commands/client-create.ts";
import { processIo, UsageError, type CliIo } from "./commands/cli-io.ts";
import { foodsImportCommand } from "./commands/foods-import.ts";
import { keysResealCommand } from "./commands/keys-reseal.ts";
import { keysRotateCommand } from "./commands/keys-rotate.ts";
import { migrateCommand } from "./commands/migrate.ts";
import { serveCommand } from "./commands/serve.ts";
import { userCreateCommand, type UserCreateFlags } from "./commands/user-create.ts";
import { demoCommand, type DemoFlags } from "./commands/demo.ts";

export const USAGE = `usage: fitgate <command> [flags]

  serve                              run the server (FITGATE_HOST:FITGATE_PORT)
  migrate [--json]                   bring the database schema up to date
  keys rotate [--json]               add a new access-token signing key (old ones verify until their tokens expire)
  keys reseal [--json]               re-encrypt stored secrets under FITGATE_MASTER_KEY (after moving the old
                                     key to FITGATE_PREVIOUS_MASTER_KEYS)
  foods import PATH [--json]         load a USDA FoodData Central CSV download (directory or food.csv)
  user create --email E --password-stdin [--json]
  client create --name N --type confidential|public [--redirect-uri U]... [--callback-url U]...
                [--scope "s1 s2"] [--default-scope "s1"] [--cidr C]... [--refresh-rotation on|off]
                [--introspect] [--description D] [--website U] [--owner EMAIL] [--json]
  demo [--issuer URL] --client-id ID --client-secret S [--scope "s1 s2"] [--port 12345] [--timeout SECONDS] [--no-browser]
                                     replay the MapMyFitness OAuth 2 tutorial against a fitgate
  demo --oauth1 --consumer-key K --consumer-secret S [--oob] [--issuer URL] [--port 12345] [--timeout SECONDS] [--no-browser]
                                     replay FatSecret's three-legged OAuth 1.0a flow

Configuration comes from FITGATE_* environment variables (see README.md).`;

type Command = Readonly<{
  options: NonNullable<ParseArgsConfig["options"]>;
  /** true for commands that take operands (e.g. foods import PATH) */
  positionals?: boolean;
  run(config: Config, io: CliIo, flags: Record<string, unknown>, positionals: readonly string[]): Promise<number>;
}>;

const json = { type: "boolean" } as const;

const COMMANDS: Readonly<Record<string, Command>> = {
  demo: {
    options: {
      issuer: { type: "string" }, "client-id": { type: "string" }, "client-secret": { type: "string" },
      "consumer-key": { type: "string" }, "consumer-secret": { type: "string" }, scope: { type: "string" },
      port: { type: "string" }, timeout: { type: "string" }, "no-browser": { type: "boolean" }, oauth1: { type: "boolean" }, oob: { type: "boolean" },
    },
    run: (config, io, flags) => demoCommand(config, io, flags as DemoFlags),
  },
  serve: { options: {}, run: (config, io) => serveCommand(config, io) },
  migrate: { options: { json }, run: (config, io, flags) => migrateCommand(config, io, flags.json === true) },
  "keys rotate": { options: { json }, run: (config, io, flags) => keysRotateCommand(config, io, flags.json === true) },
  "keys reseal": { options: { json }, run: (config, io, flags) => keysResealCommand(config, io, flags.json === true) },
  "foods import": {
    options: { json }, positionals: true,
    run: (config, io, flags, positionals) => {
      if (positionals.length > 1) throw new UsageError(`expected one PATH, got ${positionals.length}: ${positionals.join(" ")}`);
      return foodsImportCommand(config, io, positionals[0], flags.json === true);
    },
  },
  "user create": {
    options: { email: { type: "string" }, "password-stdin": { type: "boolean" }, json },
    run: (config, io, flags) => userCreateCommand(config, io, flags as UserCreateFlags),
  },
  "client create": {
    options: {
      name: { type: "string" }, type: { type: "string" }, description: { type: "string" }, website: { type: "string" },
      "redirect-uri": { type: "string", multiple: true }, "callback-url": { type: "string", multiple: true },
      scope: { type: "string" }, "default-scope": { type: "string" }, cidr: { type: "string", multiple: true },
      "refresh-rotation": { type: "string" }, introspect: { type: "boolean" }, owner: { type: "string" }, json,
    },
    run: (config, io, flags) => clientCreateCommand(config, io, flags as ClientCreateFlags),
  },
};

export async function runCli(argv: readonly string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "help") {
    io.out(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  const twoWords = `${argv[0]} ${argv[1] ?? ""}`;
  // own properties only: "constructor" or "toString" is no command
  const name = Object.hasOwn(COMMANDS, twoWords) ? twoWords : (argv[0] ?? "");
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.err(`fitgate: unknown command "${argv.slice(0, 2).join(" ")}"\n\n${USAGE}`);
    return 2;
  }
  const rest = argv.slice(name.split(" ").length);
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(USAGE);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({ args: [...rest], options: command.options, strict: true, allowPositionals: command.positionals === true });
    const config = loadConfig(env);
    return await command.run(config, io, values, positionals);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`fitgate: ${error.message}`);
      return 78; // EX_CONFIG
    }
    if (error instanceof UsageError || (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
      io.err(`fitgate ${name}: ${error.message}`);
      return 2;
    }
    io.err(`fitgate ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
