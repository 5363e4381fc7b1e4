import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OAuth1Problem } from "../../src/protocol/oauth1/problems.ts";
import { checkReplay } from "../../src/protocol/oauth1/replay.ts";
import { createDatabaseReplayStore, deleteExpiredNonces } from "../../src/store/kysely/oauth1-replay.ts";
import {
  authorizeRequestToken, deleteExpiredRequestTokens, denyRequestToken, findOAuth1Token, insertOAuth1Token,
} from "../../src/store/kysely/oauth1-tokens.ts";
import { createTestClient, createTestUser, testDeps } from "../helpers/app.ts";
import { databaseTargets, racingHandle } from "../helpers/databases.ts";
import { useTestDatabase } from "../helpers/suite.ts";

const targets = await databaseTargets();
for (const target of targets) {
  describe(`OAuth 1 storage on ${target.dialect}`, { skip: target.skip }, () => {
    const database = useTestDatabase(target);
    const nowSeconds = () => 1_000;

    it("accepts a nonce once across two nodes racing on one database", async () => {
      const nodes = [database.db, database.connectAgain().db, database.connectAgain().db];
      const key = { consumerKey: "c", token: "", timestampSeconds: 990, nonce: "race" };
      const answers = await Promise.all(Array.from({ length: 9 }, (_, i) => createDatabaseReplayStore(nodes[i % 3] ?? database.db, nowSeconds).rememberNonce(key, 1_290)));
      assert.equal(answers.filter(Boolean).length, 1);
    });

    it("keeps a nonce apart per consumer, token and timestamp", async () => {
      const store = createDatabaseReplayStore(database.db, nowSeconds);
      const key = { consumerKey: "c", token: "t", timestampSeconds: 991, nonce: "n" };
      assert.equal(await store.rememberNonce(key, 1_291), true);
      assert.equal(await store.rememberNonce({ ...key, consumerKey: "d" }, 1_291), true);
      assert.equal(await store.rememberNonce({ ...key, token: "u" }, 1_291), true);
      assert.equal(await store.rememberNonce({ ...key, timestampSeconds: 992 }, 1_292), true);
      assert.equal(await store.rememberNonce(key, 1_291), false);
    });

    it("deletes nonces whose timestamps can no longer be accepted", async () => {
      const store = createDatabaseReplayStore(database.db, nowSeconds);
      const key = { consumerKey: "old", token: "", timestampSeconds: 1, nonce: "n" };
      await store.rememberNonce(key, 301);
      await deleteExpiredNonces(database.db, 302);
      assert.equal(await store.rememberNonce(key, 301), true, "forgotten once expired");
    });

    it("still refuses a replay on a node whose clock lags after a node a minute ahead cleaned up", async () => {
      const store = createDatabaseReplayStore(database.db, nowSeconds);
      const key = { consumerKey: "skew", token: "", timestampSeconds: nowSeconds() - 290, nonce: "edge-of-window" };
      await checkReplay(store, key, 300, false);
      await deleteExpiredNonces(database.db, nowSeconds() + 60); // the other node's housekeeping
      await assert.rejects(checkReplay(store, key, 300, false), (error) => error instanceof OAuth1Problem && error.problem === "nonce_used");
    });

    it("moves the strict-mode timestamp only forwards, even when racing", async () => {
      const store = createDatabaseReplayStore(database.db, nowSeconds);
      assert.equal(await store.advanceTimestamp("s", 100), true);
      assert.equal(await store.advanceTimestamp("s", 100), true);
      assert.equal(await store.advanceTimestamp("s", 99), false);
      const answers = await Promise.all([105, 101, 103, 104, 102].map((t) => store.advanceTimestamp("s", t)));
      assert.ok(answers.includes(true));
      const row = await database.db.selectFrom("oauth1_timestamps").selectAll().where("consumer_key", "=", "s").executeTakeFirstOrThrow();
      assert.equal(Number(row.last_timestamp), 105);
    });

    it("records one decision on a request token when Allow and Deny race from two nodes", async () => {
      const deps = testDeps(database);
      const { client } = await createTestClient(deps);
      const user = await createTestUser(deps);
      const now = new Date();
      await insertOAuth1Token(database.db, {
        token: "rt-race", kind: "request", clientId: client.id, userId: null, grantId: null, secretSealed: deps.box.seal("s"), callbackUrl: "oob",
        scopes: [], expiresAt: new Date(now.getTime() + 600_000),
      }, now);
      const other = racingHandle(database);
      const decisions = await Promise.all([
        authorizeRequestToken(database.db, "rt-race", user.id, "hash-a", now), authorizeRequestToken(other.db, "rt-race", user.id, "hash-b", now),
        denyRequestToken(database.db, "rt-race", now), authorizeRequestToken(other.db, "rt-race", user.id, "hash-c", now),
      ]);
      assert.equal(decisions.filter((d) => d !== null).length, 1, "the verifier shown to the user is the one stored");
    });

    it("stores token secrets sealed, and deletes request tokens a day after they expired", async () => {
      const deps = testDeps(database);
      const { client } = await createTestClient(deps);
      const now = new Date("2026-01-01T00:00:00Z");
      const sealed = deps.box.seal("the secret");
      await insertOAuth1Token(database.db, {
        token: "rt-1", kind: "request", clientId: client.id, userId: null, grantId: null, secretSealed: sealed, callbackUrl: "oob", scopes: ["basic"], expiresAt: now,
      }, now);
      const row = await database.db.selectFrom("oauth1_tokens").selectAll().where("token", "=", "rt-1").executeTakeFirstOrThrow();
      assert.ok(!row.secret_sealed.includes("the secret"));
      assert.equal(deps.box.open(row.secret_sealed), "the secret");
      await deleteExpiredRequestTokens(database.db, new Date(now.getTime() + 3_600_000));
      assert.ok(await findOAuth1Token(database.db, "rt-1"), "kept for a while, to explain why it no longer works");
      await deleteExpiredRequestTokens(database.db, new Date(now.getTime() + 90_000_000));
      assert.equal(await findOAuth1Token(database.db, "rt-1"), null);
    });
  });
}
