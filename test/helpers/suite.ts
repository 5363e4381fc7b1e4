// Suite fixtures: each use*() registers a before() and an after() hook in the describe() it is
// called in, and returns accessors that are valid inside that suite's tests and later hooks:
//
//   for (const target of await databaseTargets()) describe(`… on ${target.dialect}`, { skip: target.skip }, () => {
//     const t = useTestApp(target);                      // t.app, t.deps, t.database
//     it("…", async () => { await t.app.inject(…); });
//   });
import { after, before } from "node:test";
import type { FastifyInstance } from "fastify";
import { seedFoods } from "../../src/foods/seed.ts";
import type { AppDeps } from "../../src/http/deps.ts";
import { createTestApp, startTestServer, type TestApp, type TestAppOptions } from "./app.ts";
import type { DatabaseTarget, TestDatabase } from "./databases.ts";

/** a value opened before the suite's first test and closed after its last; the getter throws outside that span */
export function useSuiteValue<T>(what: string, open: () => Promise<T>, close: (value: T) => Promise<void>): () => T {
  let value: T | undefined;
  before(async () => { value = await open(); });
  after(async () => {
    if (value !== undefined) await close(value);
    value = undefined;
  });
  return () => {
    if (value === undefined) throw new Error(`${what} exists only inside the suite's tests and hooks`);
    return value;
  };
}

/** a fresh migrated database (options as target.open) for the suite; closing it is the suite's job */
export function useTestDatabase(target: DatabaseTarget, options?: { migrate?: boolean }): TestDatabase {
  const current = useSuiteValue("the suite's database", () => target.open(options), (database) => database.close());
  return {
    dialect: target.dialect,
    get db() { return current().db; },
    get url() { return current().url; },
    connectAgain: () => current().connectAgain(),
    close: () => Promise.reject(new Error("useTestDatabase closes the database after the suite")),
  };
}

/** createTestApp's options; seedFoods: the food catalogue seeded (src/foods/seed.ts) before the app starts */
export type SuiteOptions = TestAppOptions & { seedFoods?: boolean };

export type SuiteApp = Readonly<{ app: FastifyInstance; deps: AppDeps; database: TestDatabase }>;
export type SuiteServer = SuiteApp & Readonly<{ url: string }>;

/** a fresh database and an app started on it, both closed after the suite (the database also when the start fails) */
function useStartedApp<A extends TestApp>(target: DatabaseTarget, seed: boolean | undefined, start: (database: TestDatabase) => Promise<A>) {
  return useSuiteValue("the suite's app", async () => {
    const database = await target.open();
    try {
      if (seed === true) await seedFoods(database.db, database.dialect, new Date());
      return { database, started: await start(database) };
    } catch (error) {
      await database.close();
      throw error;
    }
  }, async ({ database, started }) => {
    await started.close();
    await database.close();
  });
}

/** the suite's database and started app, read through getters (valid once before() has run) */
class StartedAppAccess<A extends TestApp> implements SuiteApp {
  readonly #current: () => { database: TestDatabase; started: A };
  constructor(current: () => { database: TestDatabase; started: A }) { this.#current = current; }
  get app() { return this.#current().started.app; }
  get deps() { return this.#current().started.deps; }
  get database() { return this.#current().database; }
  protected get started(): A { return this.#current().started; }
}

class StartedServerAccess extends StartedAppAccess<TestApp & { url: string }> implements SuiteServer {
  get url() { return this.started.url; }
}

/** a fitgate app for app.inject() on a fresh database, for the suite */
export function useTestApp(target: DatabaseTarget, options: SuiteOptions = {}): SuiteApp {
  return new StartedAppAccess(useStartedApp(target, options.seedFoods, (database) => createTestApp(database, options)));
}

/** a fitgate server listening on 127.0.0.1 (issuer = its URL) on a fresh database, for the suite */
export function useTestServer(target: DatabaseTarget, options: SuiteOptions = {}): SuiteServer {
  return new StartedServerAccess(useStartedApp(target, options.seedFoods, (database) => startTestServer(database, options)));
}
