// fitgate serve: migrate, listen on FITGATE_HOST:FITGATE_PORT, and on SIGTERM/SIGINT finish the
// requests in flight, close the database and exit 0.
import { buildApp } from "../app.ts";
import type { Config } from "../config.ts";
import { seedFoods } from "../foods/seed.ts";
import { openRuntime } from "../runtime.ts";
import { deleteExpiredRows } from "../store/kysely/housekeeping.ts";
import type { CliIo } from "./cli-io.ts";

const HOUSEKEEPING_INTERVAL_MS = 10 * 60 * 1000;

export async function serveCommand(config: Config, io: CliIo): Promise<number> {
  const runtime = await openRuntime(config, (message) => io.err(`warning: ${message}`));
  if (config.seedFoods) {
    // SPEC §1: a fresh start seeds the foods database (before listening, so /healthz means ready)
    const seeded = await seedFoods(runtime.deps.db, runtime.deps.dialect, new Date());
    if (seeded > 0) io.err(`fitgate: seeded the foods database with ${seeded} foods`);
  }
  const app = await buildApp(runtime.deps);
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  io.err(`fitgate listening on http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port} (issuer ${config.issuer.href.replace(/\/$/, "")}, ${runtime.deps.dialect})`);

  const housekeeping = setInterval(() => {
    deleteExpiredRows(runtime.deps.db, new Date()).catch((error: unknown) => app.log.error({ err: error }, "housekeeping failed"));
  }, HOUSEKEEPING_INTERVAL_MS);
  housekeeping.unref();

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      io.err(`fitgate: ${signal} received, finishing requests in flight`);
      clearInterval(housekeeping);
      // a client that never finishes its request (slow or malicious) must not hold the exit for
      // Node's request timeout (5 minutes): past the deadline its connection is closed
      const deadline = setTimeout(() => {
        app.server.getConnections((_error, count) => {
          io.err(`fitgate: requests still open after ${config.shutdownTimeoutSeconds}s, closing ${count} connection(s)`);
          app.server.closeAllConnections();
        });
      }, config.shutdownTimeoutSeconds * 1000);
      deadline.unref();
      app.close()
        .finally(() => clearTimeout(deadline))
        .then(() => runtime.close())
        .then(() => resolve(0), (error: unknown) => {
          io.err(`fitgate: error while stopping: ${error instanceof Error ? error.message : String(error)}`);
          resolve(1);
        });
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
}
