// fitgate client create --name N --type confidential|public [--redirect-uri U]… [--callback-url U]…
//   [--scope "s1 s2"] [--cidr C]… [--refresh-rotation on|off] [--json]
// → {"client_id", "client_secret", "consumer_key", "consumer_secret"} (SPEC §5), secrets this once.
import type { Config } from "../config.ts";
import { parseApplicationInput, type FieldErrors } from "../domain/application-input.ts";
import { parseScopeString, SCOPE_CATALOGUE } from "../domain/scopes.ts";
import { openRuntime } from "../runtime.ts";
import { registerApplication } from "../services/applications.ts";
import { findUserByEmail } from "../store/kysely/users.ts";
import { normalizeEmail } from "../domain/account-input.ts";
import { printResult, UsageError, type CliIo } from "./cli-io.ts";

export type ClientCreateFlags = {
  name?: string | undefined;
  type?: string | undefined;
  description?: string | undefined;
  website?: string | undefined;
  "redirect-uri"?: string[] | undefined;
  "callback-url"?: string[] | undefined;
  scope?: string | undefined;
  "default-scope"?: string | undefined;
  cidr?: string[] | undefined;
  "refresh-rotation"?: string | undefined;
  introspect?: boolean | undefined;
  owner?: string | undefined;
  json?: boolean | undefined;
};

const FLAG_OF: Record<keyof FieldErrors, string> = {
  name: "--name", description: "--description", website: "--website", type: "--type", redirectUris: "--redirect-uri",
  callbackUrls: "--callback-url", scopes: "--scope", defaultScopes: "--default-scope", cidrs: "--cidr",
  refreshRotation: "--refresh-rotation", mayIntrospect: "--introspect",
};

export async function clientCreateCommand(config: Config, io: CliIo, flags: ClientCreateFlags): Promise<number> {
  const rotation = flags["refresh-rotation"];
  if (rotation !== undefined && rotation !== "on" && rotation !== "off") throw new UsageError("--refresh-rotation: expected on or off");
  const input = parseApplicationInput({
    name: flags.name,
    description: flags.description,
    website: flags.website,
    type: flags.type,
    redirectUris: flags["redirect-uri"],
    callbackUrls: flags["callback-url"],
    // no --scope: every scope in the catalogue, so an operator's test client can run every flow
    scopes: flags.scope === undefined ? SCOPE_CATALOGUE.map((s) => s.name) : parseScopeString(flags.scope),
    defaultScopes: flags["default-scope"] === undefined ? [] : parseScopeString(flags["default-scope"]),
    cidrs: flags.cidr,
    refreshRotation: rotation === undefined ? undefined : rotation === "on",
    mayIntrospect: flags.introspect,
  });
  if (!input.ok) {
    throw new UsageError(Object.entries(input.errors).map(([field, message]) => `${FLAG_OF[field as keyof FieldErrors]}: ${message}`).join("\n"));
  }

  const runtime = await openRuntime(config, (message) => io.err(`warning: ${message}`));
  try {
    let ownerId: string | null = null;
    if (flags.owner !== undefined) {
      const owner = await findUserByEmail(runtime.deps.db, normalizeEmail(flags.owner));
      if (owner === null) throw new UsageError(`--owner: no user with the email ${flags.owner}`);
      ownerId = owner.id;
    }
    const { client, secrets } = await registerApplication(runtime.deps.db, runtime.deps.box, ownerId, input.value, new Date());
    printResult(io, flags.json === true, {
      client_id: client.id,
      client_secret: secrets?.clientSecret ?? null,
      consumer_key: client.consumerKey,
      consumer_secret: secrets?.consumerSecret ?? null,
    });
    if (flags.json !== true && secrets !== null) io.err("These secrets are shown only now: store them safely.");
    return 0;
  } finally {
    await runtime.close();
  }
}
