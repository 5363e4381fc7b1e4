// Benchmark: OAuth 2 client-credentials token issuance (HTTP Basic, SHA-256 secret check, CIDR,
// RS256 signature) and a Bearer-protected call (JWT verification with cached keys, revoked-jti
// lookup, grant liveness) — each beside a bare Fastify route measured in the same run and process,
// so the ratio says what OAuth 2 costs here. 127.0.0.1 only, bounded duration. Token-endpoint rate
// limits are switched off for the run (they would answer 429 after a few hundred requests).
//
//   node bench/oauth2-token-and-bearer.ts [--seconds 5] [--connections 10] [--postgres]
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Fastify from "fastify";
import { BearerTokenError, verifyBearerRequest } from "../src/http/bearer.ts";
import { createTestClient, freePort, startTestServer } from "../test/helpers/app.ts";
import { databaseTargets } from "../test/helpers/databases.ts";
import { basic, createPkce, loggedInPageClient, obtainCode, postToken } from "../test/helpers/oauth2-flow.ts";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "5" }, connections: { type: "string", default: "10" }, postgres: { type: "boolean", default: false } },
  strict: true,
});
const seconds = Math.min(60, Math.max(1, Number(values.seconds)));
const connections = Math.min(100, Math.max(1, Number(values.connections)));

async function measure(title: string, url: string, request: { method: string; path: string; headers?: Record<string, string>; body?: string }): Promise<number> {
  const result = await autocannon({ url, connections, duration: seconds, requests: [request] });
  const failures = result.non2xx + result.errors;
  console.log(`${title.padEnd(40)} ${result.requests.average.toFixed(0).padStart(7)} req/s  p99 ${String(result.latency.p99).padStart(4)} ms  ${failures} failed`);
  return result.requests.average;
}

const ratio = (what: string, fitgate: number, bare: number) =>
  console.log(`ratio: ${what} = ${(fitgate / bare * 100).toFixed(1)}% of bare Fastify\n`);

const target = (await databaseTargets()).find((t) => t.dialect === (values.postgres ? "postgres" : "sqlite"));
if (target === undefined || target.skip !== false) throw new Error(`database unavailable: ${target?.skip}`);
const database = await target.open();
const server = await startTestServer(database, { env: { FITGATE_TOKEN_RATE_LIMIT_PER_CLIENT: "0", FITGATE_TOKEN_RATE_LIMIT_PER_ADDRESS: "0" } });

// bare Fastify: the same shapes of request and response, no OAuth
const bare = Fastify();
bare.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_r, body, done) => done(null, new URLSearchParams(String(body))));
bare.post("/oauth2/token", async (_request, reply) => reply.headers({ "cache-control": "no-store", pragma: "no-cache" })
  .send({ access_token: "x".repeat(700), token_type: "Bearer", expires_in: 86400, scope: "basic" }));
bare.get("/protected", async () => ({ ok: true }));
const barePort = await freePort();
await bare.listen({ host: "127.0.0.1", port: barePort });

// a tiny protected route on fitgate's own verifier and database
const protectedApp = Fastify();
protectedApp.get("/protected", async (request, reply) => {
  try {
    const caller = await verifyBearerRequest(request, server.deps, ["profile"]);
    return { ok: true, user: caller.userId };
  } catch (error) {
    if (error instanceof BearerTokenError) return reply.status(error.status).header("www-authenticate", error.wwwAuthenticate).send({ error: error.code });
    throw error;
  }
});
const protectedPort = await freePort();
await protectedApp.listen({ host: "127.0.0.1", port: protectedPort });

try {
  const { client, secrets } = await createTestClient(server.deps, { cidrs: ["127.0.0.0/8"] });
  const tokenRequest = {
    method: "POST", path: "/oauth2/token", body: "grant_type=client_credentials&scope=basic",
    headers: { authorization: basic(client.id, secrets?.clientSecret ?? ""), "content-type": "application/x-www-form-urlencoded" },
  };
  const { page } = await loggedInPageClient(server);
  const pkce = createPkce();
  const code = await obtainCode(page, { client_id: client.id, scope: "profile", code_challenge: pkce.challenge, code_challenge_method: "S256" });
  const tokens = (await postToken(server.app, { grant_type: "authorization_code", code, code_verifier: pkce.verifier }, { authorization: tokenRequest.headers.authorization })).json();
  const bearer = { method: "GET", path: "/protected", headers: { authorization: `Bearer ${tokens.access_token}` } };

  console.log(`${seconds} s each, ${connections} connections, ${target.dialect}, 127.0.0.1`);
  const bareToken = await measure("bare Fastify POST /oauth2/token", `http://127.0.0.1:${barePort}`, tokenRequest);
  const fitgateToken = await measure("fitgate client_credentials token", server.url, tokenRequest);
  ratio("fitgate client-credentials issuance", fitgateToken, bareToken);
  const bareCall = await measure("bare Fastify GET /protected", `http://127.0.0.1:${barePort}`, bearer);
  const fitgateCall = await measure("fitgate Bearer-verified GET /protected", `http://127.0.0.1:${protectedPort}`, bearer);
  ratio("fitgate Bearer-protected call", fitgateCall, bareCall);
} finally {
  await protectedApp.close();
  await bare.close();
  await server.close();
  await database.close();
}
