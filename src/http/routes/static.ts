// The portal's stylesheet and script, read once at start (CSP allows only 'self').
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";

const ASSETS = {
  "fitgate.css": "text/css; charset=utf-8",
  "fitgate.js": "text/javascript; charset=utf-8",
} as const;

export function registerStaticRoutes(app: FastifyInstance): void {
  for (const [name, type] of Object.entries(ASSETS)) {
    const body = readFileSync(new URL(`../../views/static/${name}`, import.meta.url));
    app.get(`/static/${name}`, async (_request, reply) => reply.type(type).header("cache-control", "public, max-age=3600").send(body));
  }
}
