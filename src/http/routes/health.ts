// GET /healthz: 200 once the database answers (SPEC §1), 503 otherwise.
import { sql } from "kysely";
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../deps.ts";

export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get("/healthz", async (request, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      return reply.header("cache-control", "no-store").send({ status: "ok" });
    } catch (error) {
      request.log.error({ err: error }, "health check: database unreachable");
      return reply.status(503).header("cache-control", "no-store").send({ status: "unavailable" });
    }
  });
}
