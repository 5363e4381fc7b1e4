// A fitgate app on a test database, wired like commands/serve.ts but with a fixed master key
// and an injectable clock; plus the few steps most tests start from.
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import type { ApplicationInput } from "../../src/domain/application-input.ts";
import type { AppDeps } from "../../src/http/deps.ts";
import { deriveKey } from "../../src/runtime.ts";
import { createSecretBox } from "../../src/security/secret-box.ts";
import { signUp } from "../../src/services/accounts.ts";
import { registerApplication, type RegisteredApplication } from "../../src/services/applications.ts";
import type { User } from "../../src/store/kysely/users.ts";
import type { TestDatabase } from "./databases.ts";

/** what most test steps need of an app: its inject() and its dependencies */
export type AppUnderTest = Readonly<{ app: FastifyInstance; deps: AppDeps }>;
export type TestApp = AppUnderTest & Readonly<{ close(): Promise<void> }>;

export type TestAppOptions = {
  env?: Record<string, string>;
  now?: () => Date;
  logStream?: NodeJS.WritableStream;
};

export function testDeps(database: TestDatabase, options: TestAppOptions = {}): AppDeps {
  const masterKey = randomBytes(32).toString("base64");
  const config = loadConfig({
    FITGATE_ISSUER: "http://localhost:8080",
    FITGATE_MASTER_KEY: masterKey,
    FITGATE_DATABASE_URL: database.url,
    FITGATE_LOG_LEVEL: "warn",
    ...options.env,
  });
  return {
    config,
    db: database.db,
    dialect: database.dialect,
    box: createSecretBox([masterKey]),
    csrfKey: deriveKey(masterKey, "csrf"),
    now: options.now ?? (() => new Date()),
  };
}

export async function createTestApp(database: TestDatabase, options: TestAppOptions = {}): Promise<TestApp> {
  const deps = testDeps(database, options);
  const app = await buildApp(deps, options.logStream === undefined ? { logger: false } : { logStream: options.logStream });
  await app.ready();
  return { app, deps, close: () => app.close() };
}

/** an app of its own (other options) on `database` for one test: run, then closed whatever happens */
export async function withTestApp(database: TestDatabase, options: TestAppOptions, run: (t: TestApp) => Promise<void>): Promise<void> {
  const t = await createTestApp(database, options);
  try {
    await run(t);
  } finally {
    await t.close();
  }
}

/** a real server on 127.0.0.1 with the issuer set to its own address, for browsers and client libraries */
export async function startTestServer(database: TestDatabase, options: TestAppOptions = {}): Promise<TestApp & { url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const deps = testDeps(database, { ...options, env: { FITGATE_ISSUER: url, ...options.env } });
  const app = await buildApp(deps, options.logStream === undefined ? { logger: false } : { logStream: options.logStream });
  await app.listen({ host: "127.0.0.1", port });
  return { app, deps, url, close: () => app.close() };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function createTestUser(deps: AppDeps, email = `user-${randomBytes(4).toString("hex")}@example.com`, password = "correct horse battery"): Promise<User & { password: string }> {
  const result = await signUp(deps.db, email, password, deps.now());
  if (!result.ok) throw new Error(`test user: ${JSON.stringify(result.errors)}`);
  return { ...result.user, password };
}

export const DEFAULT_TEST_CLIENT: ApplicationInput = {
  name: "Test app",
  description: "",
  website: "",
  type: "confidential",
  redirectUris: ["http://localhost:12345/callback"],
  callbackUrls: ["http://localhost:12345/callback"],
  scopes: ["basic", "premier", "barcode", "profile", "diary:read", "diary:write", "weight:read", "weight:write", "exercise:read", "exercise:write"],
  defaultScopes: ["basic", "premier", "barcode", "profile", "diary:read", "diary:write", "weight:read", "weight:write", "exercise:read", "exercise:write"],
  cidrs: [],
  refreshRotation: false,
  mayIntrospect: true,
};

export async function createTestClient(deps: AppDeps, overrides: Partial<ApplicationInput> = {}, ownerId: string | null = null): Promise<RegisteredApplication> {
  return registerApplication(deps.db, deps.box, ownerId, { ...DEFAULT_TEST_CLIENT, ...overrides }, deps.now());
}
