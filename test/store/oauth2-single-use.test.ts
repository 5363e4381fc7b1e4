// Single use under concurrency (SPEC §6): N racing redemptions of one authorization code, or of
// one rotating refresh token, through two app instances on two database handles ("nodes");
// exactly one wins. On SQLite and PostgreSQL.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/app.ts";
import { createTestClient } from "../helpers/app.ts";
import { databaseTargets, racingHandle } from "../helpers/databases.ts";
import { basic, createPkce, obtainCode, postToken } from "../helpers/oauth2-flow.ts";
import { loggedInPageClient } from "../helpers/pages.ts";
import { useTestApp } from "../helpers/suite.ts";

const RACERS = 8;
const targets = await databaseTargets();

for (const target of targets) {
  describe(`OAuth 2 single use on ${target.dialect}`, { skip: target.skip }, () => {
    const t = useTestApp(target);
    let otherNode: FastifyInstance;
    before(async () => {
      // PostgreSQL: a second connection pool, as another node; SQLite: one handle per process (racingHandle)
      otherNode = await buildApp({ ...t.deps, db: racingHandle(t.database).db }, { logger: false });
      await otherNode.ready();
    });
    after(() => otherNode?.close());

    const nodeFor = (i: number) => (i % 2 === 0 ? t.app : otherNode);

    it(`${RACERS} racing redemptions of one code: exactly one succeeds`, async () => {
      const { client, secrets } = await createTestClient(t.deps);
      const { page } = await loggedInPageClient(t);
      const pkce = createPkce();
      const code = await obtainCode(page, { client_id: client.id, code_challenge: pkce.challenge, code_challenge_method: "S256" });
      const auth = { authorization: basic(client.id, secrets?.clientSecret ?? "") };
      const responses = await Promise.all(Array.from({ length: RACERS }, (_, i) =>
        postToken(nodeFor(i), { grant_type: "authorization_code", code, code_verifier: pkce.verifier }, auth)));
      const statuses = responses.map((r) => r.statusCode).sort();
      assert.deepEqual(statuses, [200, ...Array(RACERS - 1).fill(400)], responses.map((r) => r.body).join("\n"));
      for (const r of responses.filter((r) => r.statusCode === 400)) assert.equal(r.json().error, "invalid_grant");
      const refreshTokens = await t.database.db.selectFrom("refresh_tokens").selectAll().where("client_id", "=", client.id).execute();
      assert.equal(refreshTokens.length, 1, "one code issued one refresh token");
    });

    it(`${RACERS} racing redemptions of one rotating refresh token: exactly one succeeds`, async () => {
      const { client, secrets } = await createTestClient(t.deps, { refreshRotation: true });
      const { page } = await loggedInPageClient(t);
      const code = await obtainCode(page, { client_id: client.id });
      const auth = { authorization: basic(client.id, secrets?.clientSecret ?? "") };
      const tokens = (await postToken(t.app, { grant_type: "authorization_code", code }, auth)).json();
      const responses = await Promise.all(Array.from({ length: RACERS }, (_, i) =>
        postToken(nodeFor(i), { grant_type: "refresh_token", refresh_token: tokens.refresh_token }, auth)));
      const statuses = responses.map((r) => r.statusCode).sort();
      assert.deepEqual(statuses, [200, ...Array(RACERS - 1).fill(400)], responses.map((r) => r.body).join("\n"));
      const live = await t.database.db.selectFrom("refresh_tokens").selectAll()
        .where("client_id", "=", client.id).where("rotated_at", "is", null).where("revoked_at", "is", null).execute();
      assert.ok(live.length <= 1, "at most one successor exists");
    });
  });
}
