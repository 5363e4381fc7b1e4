// buildApp(deps) → a Fastify instance with every route; it never listens (commands/serve.ts
// does, and tests inject requests into it).
import { randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { apiErrorFamily } from "./http/api-errors.ts";
import { registerCors } from "./http/cors.ts";
import type { AppDeps } from "./http/deps.ts";
import { registerErrorHandling } from "./http/errors.ts";
import { registerFormParser } from "./http/forms.ts";
import { loggerOptions, withRedactedUrl } from "./http/logging.ts";
import { oauth1ErrorFamily } from "./http/oauth1-errors.ts";
import { pageErrorFamily } from "./http/pages.ts";
import { registerAccountRoutes } from "./http/routes/accounts.ts";
import { registerApiRoutes } from "./http/routes/api.ts";
import { registerConnectedAppsRoutes } from "./http/routes/connected-apps.ts";
import { registerOAuth2AuthorizeRoutes } from "./http/routes/oauth2-authorize.ts";
import { registerOAuth2TokenRoutes } from "./http/routes/oauth2-token.ts";
import { oauth2ErrorFamily } from "./http/oauth2-errors.ts";
import { registerDeveloperRoutes } from "./http/routes/developer.ts";
import { registerOAuth1Routes } from "./http/routes/oauth1.ts";
import { registerHealthRoutes } from "./http/routes/health.ts";
import { registerStaticRoutes } from "./http/routes/static.ts";
import { registerSecurityHeaders } from "./http/security-headers.ts";

export type BuildOptions = Readonly<{
  /** a pino destination stream for tests that read the logs; default stdout */
  logStream?: NodeJS.WritableStream;
  /** false silences request logs (tests) */
  logger?: boolean;
}>;

/** hop counts as a function: fastify counts hops too, but its types take only lists and booleans */
function trustProxyOption(setting: AppDeps["config"]["trustProxy"]): false | string[] | ((address: string, hop: number) => boolean) {
  if (setting === false) return false;
  if (typeof setting === "number") return (_address, hop) => hop < setting;
  return [...setting];
}

export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const logger: FastifyServerOptions["logger"] = options.logger === false
    ? false
    : { ...loggerOptions(deps.config.logLevel), ...(options.logStream === undefined ? {} : { stream: options.logStream }) };
  const app = Fastify({
    logger,
    trustProxy: trustProxyOption(deps.config.trustProxy),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    // OAuth 1 signatures cover the exact path: never rewrite it
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 200 },
    // a malformed URL or an over-long path parameter: the family's own error (and the security
    // headers), not fastify's bare JSON written straight to the socket
    frameworkErrors: (error, request, reply) => { void app.errorHandler(withRedactedUrl(error), request, reply); },
  });
  await app.register(cookie);
  registerFormParser(app);
  registerSecurityHeaders(app, { https: deps.config.issuer.protocol === "https:" });
  registerCors(app);
  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-request-id", request.id);
    return payload;
  });
  registerErrorHandling(app, [oauth1ErrorFamily(deps), oauth2ErrorFamily(), apiErrorFamily({ showBaseString: !deps.config.production, oauth1Realm: deps.config.issuer.origin })], pageErrorFamily(deps));

  registerHealthRoutes(app, deps);
  registerStaticRoutes(app);
  registerAccountRoutes(app, deps);
  registerDeveloperRoutes(app, deps);
  registerConnectedAppsRoutes(app, deps);
  registerOAuth2AuthorizeRoutes(app, deps);
  registerOAuth2TokenRoutes(app, deps);
  registerOAuth1Routes(app, deps);
  registerApiRoutes(app, deps);
  return app;
}
