// The Bearer verifier the protected API uses (RFC 6750 / RFC 9068), on both databases.
import assert from "node:assert/strict";
import Fastify, { type FastifyInstance } from "fastify";
import { SignJWT, generateKeyPair } from "jose";
import { after, before, describe, it } from "node:test";
import { BearerTokenError, verifyBearerRequest } from "../../src/http/bearer.ts";
import type { AppDeps } from "../../src/http/deps.ts";
import { addSigningKey, findCurrentSigningKey, KEY_CACHE_SECONDS, longestTokenSecondsOf, publishedJwks, UNKNOWN_KID_REFRESH_SECONDS } from "../../src/http/oauth2-keys.ts";
import { CLOCK_TOLERANCE_SECONDS, createAccessTokenClaims, signAccessToken } from "../../src/protocol/oauth2/access-token.ts";
import { issueAccessToken } from "../../src/http/oauth2-tokens.ts";
import { rotateApplicationSecrets, removeApplication } from "../../src/services/applications.ts";
import { revokeGrant, upsertGrant } from "../../src/store/kysely/grants.ts";
import { insertRevokedAccessToken } from "../../src/store/kysely/revoked-access-tokens.ts";
import { createTestClient, createTestUser, testDeps } from "../helpers/app.ts";
import { databaseTargets, type TestDatabase } from "../helpers/databases.ts";

const targets = await databaseTargets();

function protectedApp(deps: AppDeps): FastifyInstance {
  const app = Fastify();
  app.get("/protected", async (request, reply) => {
    try {
      return await verifyBearerRequest(request, deps, ["profile"]);
    } catch (error) {
      if (!(error instanceof BearerTokenError)) throw error;
      return reply.status(error.status).header("www-authenticate", error.wwwAuthenticate).send({ error: error.code });
    }
  });
  return app;
}

for (const target of targets) {
  describe(`Bearer verification on ${target.dialect}`, { skip: target.skip }, () => {
    let database: TestDatabase;
    let deps: AppDeps;
    let app: FastifyInstance;
    let clock = Date.now();
    before(async () => {
      database = await target.open();
      deps = testDeps(database, { now: () => new Date(clock) });
      app = protectedApp(deps);
    });
    after(async () => {
      await app?.close();
      await database?.close();
    });

    const call = (token: string | null) => app.inject({ method: "GET", url: "/protected", headers: token === null ? {} : { authorization: `Bearer ${token}` } });

    async function userToken(scopes = ["profile"]) {
      const user = await createTestUser(deps);
      const { client } = await createTestClient(deps);
      const grant = await upsertGrant(deps.db, user.id, client.id, scopes, deps.now());
      const issued = await issueAccessToken(deps, { subject: user.id, clientId: client.id, scopes, grantId: grant.id, expiresInSeconds: 3600, now: deps.now() });
      return { user, client, grant, issued };
    }

    it("a live user token gives the caller with its user, grant and scopes", async () => {
      const { user, client, grant, issued } = await userToken(["profile", "diary:read"]);
      const response = await call(issued.accessToken);
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { protocol: "oauth2", clientId: client.id, userId: user.id, grantId: grant.id, scopes: ["profile", "diary:read"] });
    });

    const refusals: Array<[string, (t: string) => string, number, string]> = [
      ["a tampered signature", (t) => t.slice(0, -4) + (t.endsWith("AAAA") ? "BBBB" : "AAAA"), 401, "invalid_token"],
      ["garbage", () => "not.a.jwt", 401, "invalid_token"],
      ["alg none with the real kid", (t) => `${withHeader(t, { alg: "none" })}.`, 401, "invalid_token"],
      ["typ JWT instead of at+jwt (RFC 9068 §4)", (t) => withHeader(t, { typ: "JWT" }) + `.${t.split(".")[2]}`, 401, "invalid_token"],
    ];
    /** the token's header with some fields replaced, and its payload: `header.payload` */
    const withHeader = (token: string, fields: Record<string, string>) => {
      const [header = "", payload = ""] = token.split(".");
      const decoded = { ...JSON.parse(Buffer.from(header, "base64url").toString()), ...fields };
      return `${Buffer.from(JSON.stringify(decoded)).toString("base64url")}.${payload}`;
    };
    for (const [name, mangle, status, code] of refusals) {
      it(`${name} is refused with ${code}`, async () => {
        const { issued } = await userToken();
        const response = await call(mangle(issued.accessToken));
        assert.equal(response.statusCode, status);
        assert.match(String(response.headers["www-authenticate"]), new RegExp(`^Bearer realm="fitgate", error="${code}"`));
      });
    }

    it("no credentials get a challenge without an error code (RFC 6750 §3.1)", async () => {
      const response = await call(null);
      assert.equal(response.statusCode, 401);
      assert.equal(response.headers["www-authenticate"], 'Bearer realm="fitgate"');
    });

    it("a missing scope is insufficient_scope with 403 and the scope needed", async () => {
      const { issued } = await userToken(["diary:read"]);
      const response = await call(issued.accessToken);
      assert.equal(response.statusCode, 403);
      assert.match(String(response.headers["www-authenticate"]), /error="insufficient_scope".*scope="profile"/);
    });

    it("an expired token is refused once past the clock leeway", async () => {
      const { issued } = await userToken();
      const past = (3600 + CLOCK_TOLERANCE_SECONDS + 1) * 1000;
      clock += past;
      try {
        assert.equal((await call(issued.accessToken)).statusCode, 401);
      } finally {
        clock -= past;
      }
    });

    it("an HS256 token keyed with fitgate's public key (algorithm confusion) is refused", async () => {
      const { issued } = await userToken();
      const kid = JSON.parse(Buffer.from(issued.accessToken.split(".")[0] ?? "", "base64url").toString()).kid;
      const publicJwk = (await publishedJwks(deps, 86400)).keys.find((k) => k.kid === kid);
      const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
      const forged = await new SignJWT({ ...issued.claims }).setProtectedHeader({ alg: "HS256", kid, typ: "at+jwt" }).sign(secret);
      assert.equal((await call(forged)).statusCode, 401);
    });

    it("a token signed by a key fitgate does not hold is refused", async () => {
      const { privateKey } = await generateKeyPair("RS256");
      const { issued } = await userToken();
      const forged = await new SignJWT({ ...issued.claims }).setProtectedHeader({ alg: "RS256", kid: "forged", typ: "at+jwt" }).sign(privateKey);
      assert.equal((await call(forged)).statusCode, 401);
    });

    it("a revoked grant's tokens stop working at once", async () => {
      const { grant, issued } = await userToken();
      assert.equal((await call(issued.accessToken)).statusCode, 200);
      await revokeGrant(deps.db, grant.id, deps.now());
      assert.equal((await call(issued.accessToken)).statusCode, 401);
    });

    it("a revoked jti is refused", async () => {
      const { issued } = await userToken();
      await insertRevokedAccessToken(deps.db, issued.claims.jti, new Date(issued.claims.exp * 1000));
      assert.equal((await call(issued.accessToken)).statusCode, 401);
    });

    it("tokens signed before a key rotation keep verifying, also on a node that did not rotate", async () => {
      const { issued: before } = await userToken();
      const otherNode = { ...deps, db: database.connectAgain().db };
      clock += 2000;
      await addSigningKey(otherNode);
      await new Promise((resolve) => setTimeout(resolve, UNKNOWN_KID_REFRESH_SECONDS * 1000 + 100)); // past the unknown-kid refresh pause
      const { issued: after } = await (async () => {
        const user = await createTestUser(otherNode);
        const { client } = await createTestClient(otherNode);
        const grant = await upsertGrant(otherNode.db, user.id, client.id, ["profile"], otherNode.now());
        return { issued: await issueAccessToken(otherNode, { subject: user.id, clientId: client.id, scopes: ["profile"], grantId: grant.id, expiresInSeconds: 3600, now: otherNode.now() }) };
      })();
      assert.notEqual(JSON.parse(Buffer.from(after.accessToken.split(".")[0] ?? "", "base64url").toString()).kid,
        JSON.parse(Buffer.from(before.accessToken.split(".")[0] ?? "", "base64url").toString()).kid);
      assert.equal((await call(before.accessToken)).statusCode, 200);
      assert.equal((await call(after.accessToken)).statusCode, 200);
    });

    it("a rotated-out key verifies its tokens in flight, then nothing once they must have expired (a leaked old key mints no tokens)", async () => {
      const user = await createTestUser(deps);
      const { client } = await createTestClient(deps);
      const grant = await upsertGrant(deps.db, user.id, client.id, ["profile"], deps.now());
      const oldKey = await findCurrentSigningKey(deps);
      clock += 2000;
      await addSigningKey(deps);
      const mintWithOldKey = () => signAccessToken(createAccessTokenClaims({
        issuer: deps.config.issuer, subject: user.id, clientId: client.id, scopes: ["profile"], grantId: grant.id, now: deps.now(), expiresInSeconds: 3600,
      }), oldKey);
      assert.equal((await call(await mintWithOldKey())).statusCode, 200, "other nodes may still sign with it for a moment");
      const retired = (longestTokenSecondsOf(deps.config) + KEY_CACHE_SECONDS + 61) * 1000;
      clock += retired;
      try {
        assert.equal((await call(await mintWithOldKey())).statusCode, 401);
        const jwks = await publishedJwks(deps, longestTokenSecondsOf(deps.config));
        assert.equal(jwks.keys.some((k) => k.kid === oldKey.kid), false, "nor is it published");
      } finally {
        clock -= retired;
      }
    });

    it("client-credentials tokens end when the secret is rotated or the app deleted", async () => {
      const { client } = await createTestClient(deps);
      const issue = () => issueAccessToken(deps, { subject: client.id, clientId: client.id, scopes: ["basic"], grantId: null, expiresInSeconds: 86400, now: deps.now() });
      const verify = async (token: string) => verifyBearerRequest({ headers: { authorization: `Bearer ${token}` } } as never, deps, ["basic"]);
      const first = await issue();
      assert.equal((await verify(first.accessToken)).userId, null);
      clock += 2000;
      await rotateApplicationSecrets(deps.db, deps.box, client.id, deps.now());
      await assert.rejects(verify(first.accessToken), (e: unknown) => e instanceof BearerTokenError && e.code === "invalid_token");
      const second = await issue();
      await verify(second.accessToken);
      await removeApplication(deps.db, client.id);
      await assert.rejects(verify(second.accessToken), (e: unknown) => e instanceof BearerTokenError && e.code === "invalid_token");
    });
  });
}
