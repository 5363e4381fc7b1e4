// The package as an app installs it: `npm run build` (tsc) emits JS + .d.ts, every entry of the
// exports map exists, the emitted code imports nothing but itself and node: built-ins (no
// runtime dependencies, nothing from the server), and a consumer in node_modules can import it
// as plain JavaScript and type-check against it.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { before, describe, it } from "node:test";

const SDK = fileURLToPath(new URL("..", import.meta.url));
const TSC = fileURLToPath(new URL("../../node_modules/.bin/tsc", import.meta.url));

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(directory, entry.name)) : [join(directory, entry.name)]);
}

describe("the SDK package build", { timeout: 120_000 }, () => {
  let installed: string;
  let dist: string;
  before(() => {
    const app = mkdtempSync(join(tmpdir(), "fitgate-sdk-consumer-"));
    installed = join(app, "node_modules", "@fitgate", "sdk");
    dist = join(installed, "dist");
    mkdirSync(installed, { recursive: true });
    cpSync(join(SDK, "package.json"), join(installed, "package.json"));
    execFileSync(TSC, ["-p", join(SDK, "tsconfig.build.json"), "--outDir", dist], { stdio: "pipe" });
  });

  it("emits a .d.ts beside every .js", () => {
    const files = filesUnder(dist);
    const scripts = files.filter((f) => f.endsWith(".js"));
    assert.ok(scripts.length > 10);
    for (const script of scripts) assert.ok(files.includes(script.replace(/\.js$/, ".d.ts")), `no declarations for ${relative(dist, script)}`);
  });

  it("has every target of the exports map", () => {
    const manifest: unknown = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
    assert.ok(typeof manifest === "object" && manifest !== null && "exports" in manifest && typeof manifest.exports === "object" && manifest.exports !== null);
    assert.ok("dependencies" in manifest === false, "the SDK must have no runtime dependencies");
    const targets = Object.values(manifest.exports).flatMap((entry: unknown) =>
      typeof entry === "string" ? [entry] : typeof entry === "object" && entry !== null ? Object.values(entry).filter((v) => typeof v === "string") : []);
    for (const target of targets) {
      const path = target.replace("*", "fitgate");
      assert.ok(existsSync(join(installed, path)), `exports target ${target} is missing`);
    }
  });

  it("imports only its own files and node: built-ins", () => {
    for (const script of filesUnder(dist).filter((f) => f.endsWith(".js"))) {
      for (const [, specifier] of readFileSync(script, "utf8").matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
        assert.ok(specifier?.startsWith("./") || specifier?.startsWith("../") || specifier?.startsWith("node:"), `${relative(dist, script)} imports ${specifier}`);
        if (specifier?.startsWith(".")) assert.ok(specifier.endsWith(".js"), `${relative(dist, script)} imports ${specifier} (must be rewritten to .js)`);
      }
    }
  });

  it("runs as plain JavaScript from node_modules and type-checks for a consumer", () => {
    const app = join(installed, "..", "..", "..");
    writeFileSync(join(app, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(join(app, "consumer.ts"), `
import { createOAuth2Client, createTokenManager, createS256CodeChallenge, fatsecretOAuth2, mapmyfitness, type TokenSet } from "@fitgate/sdk";
import { createFileTokenStore } from "@fitgate/sdk/file-token-store";
import { startCallbackServer } from "@fitgate/sdk/callback-server";
const client = createOAuth2Client({ clientId: "c", clientSecret: "s", tokenEndpoint: fatsecretOAuth2.tokenEndpoint });
const manager = createTokenManager({ client, store: createFileTokenStore("tokens.json") });
const tokens: TokenSet | null = null;
console.log(JSON.stringify([await createS256CodeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), mapmyfitness.tokenEndpoint, typeof manager.fetch, tokens, typeof startCallbackServer]));
`);
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({
      compilerOptions: { target: "es2022", module: "nodenext", moduleResolution: "nodenext", strict: true, outDir: "out", lib: ["es2023", "dom"], types: [], skipLibCheck: false },
      files: ["consumer.ts"],
    }));
    execFileSync(TSC, ["-p", join(app, "tsconfig.json")], { cwd: app, stdio: "pipe" });
    const output = execFileSync(process.execPath, [join(app, "out", "consumer.js")], { cwd: app, encoding: "utf8" });
    assert.deepEqual(JSON.parse(output), ["E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "https://api.mapmyfitness.com/v7.1/oauth2/access_token/", "function", null, "function"]);
  });
});
