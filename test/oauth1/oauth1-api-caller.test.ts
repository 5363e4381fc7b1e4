import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import { registerFormParser } from "../../src/http/forms.ts";
import { verifySignedApiRequest } from "../../src/http/oauth1-api.ts";
import { OAuth1Problem } from "../../src/protocol/oauth1/problems.ts";
import { deleteClient, updateClient } from "../../src/store/kysely/clients.ts";
import { findLiveGrant, revokeGrant } from "../../src/store/kysely/grants.ts";
import { DEFAULT_TEST_CLIENT, type AppUnderTest } from "../helpers/app.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { authorizationHeader, createConsumer, getRequestToken, ISSUER, threeLeggedDance, type Consumer, type Token } from "./oauth1-helpers.ts";
import { useTestApp } from "../helpers/suite.ts";

/** a stand-in for the protected API: answers the ApiCaller, or the problem */
async function apiFor(testApp: AppUnderTest): Promise<FastifyInstance> {
  const api = Fastify();
  registerFormParser(api);
  api.all("/rest/server.api", async (request, reply) => {
    try {
      return await verifySignedApiRequest(request, testApp.deps);
    } catch (error) {
      if (error instanceof OAuth1Problem) return reply.status(error.status).send({ problem: error.problem });
      throw error;
    }
  });
  await api.ready();
  return api;
}

const targets = await databaseTargets();
for (const target of targets) {
  describe(`signed API calls (verifySignedApiRequest) on ${target.dialect}`, { skip: target.skip }, () => {
    const testApp = useTestApp(target);
    let api: FastifyInstance;
    before(async () => { api = await apiFor(testApp); });
    after(() => api?.close());

    it("knows a 2-legged call as the consumer alone, with no user", async () => {
      const consumer = await createConsumer(testApp);
      const path = "/rest/server.api?method=foods.search&search_expression=toast&format=json";
      const response = await api.inject({ method: "GET", url: path, headers: { authorization: authorizationHeader(consumer, "GET", `${ISSUER}${path}`) } });
      assert.equal(response.statusCode, 200, response.body);
      const caller = response.json();
      assert.deepEqual([caller.protocol, caller.clientId, caller.userId, caller.grantId], ["oauth1", consumer.clientId, null, null]);
    });

    it("knows a 3-legged call as the grant's user with the consented scopes, signed over a form body", async () => {
      const { consumer, accessToken, userId } = await threeLeggedDance(testApp);
      const data = { method: "profile.get", format: "json" };
      const response = await api.inject({
        method: "POST", url: "/rest/server.api",
        headers: { authorization: authorizationHeader(consumer, "POST", `${ISSUER}/rest/server.api`, accessToken, data), "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams(data).toString(),
      });
      assert.equal(response.statusCode, 200, response.body);
      const caller = response.json();
      const grant = await findLiveGrant(testApp.deps.db, userId, consumer.clientId);
      assert.equal(caller.userId, userId);
      assert.equal(caller.grantId, grant?.id);
      assert.ok(caller.scopes.includes("profile"));
    });

    it("builds the base string from FITGATE_ISSUER, so a signature over the bind address fails", async () => {
      const consumer = await createConsumer(testApp);
      const path = "/rest/server.api?method=foods.search";
      const response = await api.inject({ method: "GET", url: path, headers: { authorization: authorizationHeader(consumer, "GET", `http://127.0.0.1:8080${path}`) } });
      assert.equal(response.statusCode, 401);
      assert.equal(response.json().problem, "signature_invalid");
    });

    it("stops a 3-legged call once the user revoked the grant", async () => {
      const { consumer, accessToken, userId } = await threeLeggedDance(testApp);
      const grant = await findLiveGrant(testApp.deps.db, userId, consumer.clientId);
      assert.ok(grant);
      await revokeGrant(testApp.deps.db, grant.id, new Date());
      const path = "/rest/server.api?method=profile.get";
      const response = await api.inject({ method: "GET", url: path, headers: { authorization: authorizationHeader(consumer, "GET", `${ISSUER}${path}`, accessToken) } });
      assert.equal(response.statusCode, 401);
      assert.equal(response.json().problem, "token_rejected");
    });

    it("drops from a 3-legged call a scope the application has lost since the user allowed it", async () => {
      const { consumer, accessToken } = await threeLeggedDance(testApp);
      await updateClient(testApp.deps.db, consumer.clientId, { ...DEFAULT_TEST_CLIENT, scopes: ["basic", "profile"], defaultScopes: ["profile"] }, new Date());
      const path = "/rest/server.api?method=profile.get";
      const response = await api.inject({ method: "GET", url: path, headers: { authorization: authorizationHeader(consumer, "GET", `${ISSUER}${path}`, accessToken) } });
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(response.json().scopes, ["basic", "profile"]);
    });

    it("refuses the consumer and its access tokens once the application was deleted", async () => {
      const { consumer, accessToken } = await threeLeggedDance(testApp);
      assert.equal(await deleteClient(testApp.deps.db, consumer.clientId), true);
      const path = "/rest/server.api?method=profile.get";
      const response = await api.inject({ method: "GET", url: path, headers: { authorization: authorizationHeader(consumer, "GET", `${ISSUER}${path}`, accessToken) } });
      assert.equal(response.statusCode, 401);
      assert.equal(response.json().problem, "consumer_key_unknown");
      const token = await testApp.deps.db.selectFrom("oauth1_tokens").select("token").where("token", "=", accessToken.key).executeTakeFirst();
      assert.equal(token, undefined, "its tokens went with it");
    });

    it("refuses a token that is not an access token of the signing consumer, each signed correctly", async () => {
      const { consumer, accessToken } = await threeLeggedDance(testApp);
      const other = await createConsumer(testApp);
      const requestToken = await getRequestToken(testApp.app, consumer, "oob", ISSUER);
      const cases: Array<[string, Consumer, Token]> = [
        ["another consumer's access token", other, accessToken],
        ["a request token", consumer, requestToken],
      ];
      const path = "/rest/server.api?method=profile.get";
      for (const [name, signer, token] of cases) {
        const response = await api.inject({ method: "GET", url: path, headers: { authorization: authorizationHeader(signer, "GET", `${ISSUER}${path}`, token) } });
        assert.equal(response.statusCode, 401, name);
        assert.equal(response.json().problem, "token_rejected", name);
      }
    });
  });
}
