// Benchmark: a 3-legged OAuth 1.0a signed API call (HMAC-SHA1 verified, nonce stored, grant
// checked, profile.get answered) beside a bare Fastify route, in the same run and process, so the
// ratio says what OAuth 1 costs here. Every request is signed afresh (autocannon's setupRequest),
// so every nonce is new. 127.0.0.1 only, bounded duration.
//
//   node bench/oauth1-signed-call.ts [--seconds 5] [--connections 10] [--postgres]
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Fastify from "fastify";
import { createAuthorizationHeader, signRequest, type Parameter } from "../sdk/src/oauth1/signature.ts";
import { freePort, startTestServer } from "../test/helpers/app.ts";
import { databaseTargets } from "../test/helpers/databases.ts";
import { threeLeggedDance } from "../test/oauth1/oauth1-helpers.ts";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "5" }, connections: { type: "string", default: "10" }, postgres: { type: "boolean", default: false } },
  strict: true,
});
const seconds = Math.min(60, Math.max(1, Number(values.seconds)));
const connections = Math.min(100, Math.max(1, Number(values.connections)));

async function measure(title: string, url: string, sign: (path: string) => Record<string, string>, path: string): Promise<number> {
  const result = await autocannon({
    url, connections, duration: seconds,
    requests: [{ method: "GET", path, setupRequest: (request) => ({ ...request, headers: { ...request.headers, ...sign(path) } }) }],
  });
  const failures = result.non2xx + result.errors;
  console.log(`${title.padEnd(34)} ${result.requests.average.toFixed(0).padStart(7)} req/s  p99 ${String(result.latency.p99).padStart(4)} ms  ${failures} failed`);
  return result.requests.average;
}

const target = (await databaseTargets()).find((t) => t.dialect === (values.postgres ? "postgres" : "sqlite"));
if (target === undefined || target.skip !== false) throw new Error(`database unavailable: ${target?.skip}`);
const database = await target.open();
const server = await startTestServer(database);
const bare = Fastify();
bare.get("/rest/server.api", async () => ({ profile: { user_id: "x" } }));
const barePort = await freePort();
await bare.listen({ host: "127.0.0.1", port: barePort });

try {
  const { consumer, accessToken } = await threeLeggedDance({ app: server.app, deps: server.deps, close: server.close });
  const signed = (path: string) => {
    const protocol: Parameter[] = [
      ["oauth_consumer_key", consumer.key], ["oauth_token", accessToken.key], ["oauth_signature_method", "HMAC-SHA1"],
      ["oauth_timestamp", String(Math.floor(Date.now() / 1000))], ["oauth_nonce", crypto.randomUUID()], ["oauth_version", "1.0"],
    ];
    const { signature } = signRequest({
      method: "GET", url: `${server.url}${path}`, parameters: protocol,
      signatureMethod: "HMAC-SHA1", consumerSecret: consumer.secret, tokenSecret: accessToken.secret,
    });
    return { authorization: createAuthorizationHeader([...protocol, ["oauth_signature", signature]]) };
  };
  const path = "/rest/server.api?method=profile.get&format=json";
  console.log(`${seconds} s each, ${connections} connections, ${target.dialect}, 127.0.0.1`);
  const bareRate = await measure("bare Fastify", `http://127.0.0.1:${barePort}`, () => ({}), path);
  const signedRate = await measure("fitgate, 3-legged OAuth 1 call", server.url, signed, path);
  console.log(`ratio: fitgate OAuth 1 signed call = ${(signedRate / bareRate * 100).toFixed(1)}% of bare Fastify`);
} finally {
  await bare.close();
  await server.close();
  await database.close();
}
