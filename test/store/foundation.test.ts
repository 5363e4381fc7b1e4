// The foundation's repositories, on SQLite and on PostgreSQL alike.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { sql } from "kysely";
import type { ApplicationInput } from "../../src/domain/application-input.ts";
import { createSecretBox } from "../../src/security/secret-box.ts";
import { sha256Hex } from "../../src/security/random.ts";
import { registerApplication, removeApplication, rotateApplicationSecrets } from "../../src/services/applications.ts";
import { findClientByConsumerKey, findClientById, listClientsOfOwner, updateClient } from "../../src/store/kysely/clients.ts";
import { findLiveGrant, listConnectedApps, revokeGrant, upsertGrant } from "../../src/store/kysely/grants.ts";
import { deleteExpiredRows } from "../../src/store/kysely/housekeeping.ts";
import { connectDatabase } from "../../src/store/kysely/connect.ts";
import { migrateToLatest } from "../../src/store/kysely/migrate.ts";
import { migrations } from "../../src/store/kysely/migrations/index.ts";
import { hitRateLimit, peekRateLimit } from "../../src/store/kysely/rate-limits.ts";
import { consumeSessionFlash, createSession, deleteExpiredSessions, findLiveSession, setSessionFlash } from "../../src/store/kysely/sessions.ts";
import { createUser, findUserByEmail } from "../../src/store/kysely/users.ts";
import { databaseTargets, racingHandle } from "../helpers/databases.ts";
import { useTestDatabase } from "../helpers/suite.ts";

const targets = await databaseTargets();
const box = createSecretBox([randomBytes(32).toString("base64")]);
const now = new Date("2026-11-21T12:00:00Z");
const app: ApplicationInput = {
  name: "Diary sync", description: "", website: "", type: "confidential",
  redirectUris: ["https://app.example/cb"], callbackUrls: ["https://app.example/oauth1"],
  scopes: ["basic", "diary:read"], defaultScopes: ["basic", "diary:read"], cidrs: ["10.0.0.0/8"],
  refreshRotation: false, mayIntrospect: false,
};

for (const target of targets) {
  describe(`foundation storage on ${target.dialect}`, { skip: target.skip }, () => {
    const database = useTestDatabase(target);

    const newUser = async () => {
      const user = await createUser(database.db, `u-${randomBytes(4).toString("hex")}@example.com`, "hash", now);
      assert.ok(user);
      return user;
    };

    it("runs every migration once, and again as a no-op", async () => {
      const report = await migrateToLatest(database.db);
      assert.deepEqual(report.applied, []);
      const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(database.db);
      assert.deepEqual(rows.rows.map((r) => r.name), Object.keys(migrations).sort());
    });

    it("lets exactly one of two racing sign-ups have an email", async () => {
      const other = database.connectAgain();
      const results = await Promise.all([
        createUser(database.db, "race@example.com", "h1", now),
        createUser(other.db, "race@example.com", "h2", now),
      ]);
      assert.equal(results.filter((r) => r !== null).length, 1);
      assert.ok(await findUserByEmail(database.db, "race@example.com"));
    });

    it("finds a session until it expires, and hands its flash out once", async () => {
      const user = await newUser();
      await createSession(database.db, "session-1", user.id, now, 60);
      assert.equal((await findLiveSession(database.db, "session-1", now))?.userId, user.id);
      assert.equal(await findLiveSession(database.db, "session-1", new Date(now.getTime() + 61_000)), null);
      await setSessionFlash(database.db, "session-1", "sealed");
      const taken = await Promise.all([consumeSessionFlash(database.db, "session-1"), consumeSessionFlash(database.connectAgain().db, "session-1")]);
      assert.deepEqual(taken.filter((t) => t !== null), ["sealed"]);
      assert.equal(await deleteExpiredSessions(database.db, new Date(now.getTime() + 61_000)), 1);
    });

    it("counts rate-limit hits in a window and starts over after it", async () => {
      const key = `k-${randomBytes(4).toString("hex")}`;
      assert.equal(await hitRateLimit(database.db, key, 60, now), 1);
      assert.equal(await hitRateLimit(database.db, key, 60, now), 2);
      assert.equal(await peekRateLimit(database.db, key, 60, now), 2);
      const later = new Date(now.getTime() + 60_000);
      assert.equal(await peekRateLimit(database.db, key, 60, later), 0);
      assert.equal(await hitRateLimit(database.db, key, 60, later), 1);
    });

    it("counts racing rate-limit hits from two connections without losing one", async () => {
      const key = `race-${randomBytes(4).toString("hex")}`;
      const other = database.connectAgain();
      const counts = await Promise.all(Array.from({ length: 20 }, (_, i) => hitRateLimit((i % 2 === 0 ? database : other).db, key, 60, now)));
      assert.deepEqual([...counts].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it("registers a confidential app with a hashed client secret and a sealed consumer secret", async () => {
      const owner = await newUser();
      const { client, secrets } = await registerApplication(database.db, box, owner.id, app, now);
      assert.ok(secrets);
      assert.equal(client.secretHash, sha256Hex(secrets.clientSecret));
      assert.ok(client.consumerSecretSealed !== null && !client.consumerSecretSealed.includes(secrets.consumerSecret));
      assert.equal(box.open(client.consumerSecretSealed), secrets.consumerSecret);
      const raw = await database.db.selectFrom("clients").selectAll().where("id", "=", client.id).executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(raw).includes(secrets.clientSecret), "the client secret is not stored in clear");
      assert.deepEqual((await findClientById(database.db, client.id))?.cidrs, ["10.0.0.0/8"]);
      assert.equal((await findClientByConsumerKey(database.db, client.consumerKey ?? ""))?.id, client.id);
      assert.deepEqual((await listClientsOfOwner(database.db, owner.id)).map((c) => c.id), [client.id]);
    });

    it("gives public apps no secret at all", async () => {
      const { client, secrets } = await registerApplication(database.db, box, null, { ...app, type: "public" }, now);
      assert.equal(secrets, null);
      assert.equal(client.secretHash, null);
      assert.equal(client.consumerKey, null);
    });

    it("replaces both secrets on rotation", async () => {
      const { client, secrets } = await registerApplication(database.db, box, null, app, now);
      const later = new Date(now.getTime() + 5000);
      const rotated = await rotateApplicationSecrets(database.db, box, client.id, later);
      assert.ok(rotated && secrets);
      const after = await findClientById(database.db, client.id);
      assert.equal(after?.secretHash, sha256Hex(rotated.clientSecret));
      assert.notEqual(after?.secretHash, sha256Hex(secrets.clientSecret));
      assert.equal(box.open(after?.consumerSecretSealed ?? ""), rotated.consumerSecret);
      assert.equal(after?.secretRotatedAt.getTime(), later.getTime());
    });

    it("updates settings but not the type", async () => {
      const { client } = await registerApplication(database.db, box, null, app, now);
      const updated = await updateClient(database.db, client.id, { ...app, name: "Renamed", type: "public", scopes: ["basic"], defaultScopes: ["basic"] }, now);
      assert.equal(updated?.name, "Renamed");
      assert.equal(updated?.type, "confidential");
      assert.deepEqual(updated?.scopes, ["basic"]);
    });

    it("keeps one live grant per user and app, widening its scopes", async () => {
      const user = await newUser();
      const { client } = await registerApplication(database.db, box, null, app, now);
      const first = await upsertGrant(database.db, user.id, client.id, ["basic"], now);
      const second = await upsertGrant(database.db, user.id, client.id, ["diary:read"], now);
      assert.equal(second.id, first.id);
      assert.deepEqual([...second.scopes].sort(), ["basic", "diary:read"]);
      assert.deepEqual((await listConnectedApps(database.db, user.id)).map((a) => a.clientName), ["Diary sync"]);
    });

    it("makes one grant of two racing first consents, with both scopes", async () => {
      const user = await newUser();
      const { client } = await registerApplication(database.db, box, null, app, now);
      const other = racingHandle(database);
      const grants = await Promise.all([
        upsertGrant(database.db, user.id, client.id, ["basic"], now),
        upsertGrant(other.db, user.id, client.id, ["basic"], now),
      ]);
      assert.equal(grants[0].id, grants[1].id);
      const live = await database.db.selectFrom("grants").select("id").where("user_id", "=", user.id).where("revoked_at", "is", null).execute();
      assert.equal(live.length, 1);
    });

    it("revokes a grant with its refresh tokens and OAuth 1 tokens, and a new consent makes a new grant", async () => {
      const user = await newUser();
      const { client } = await registerApplication(database.db, box, null, app, now);
      const grant = await upsertGrant(database.db, user.id, client.id, ["basic"], now);
      const at = Math.floor(now.getTime() / 1000);
      await database.db.insertInto("refresh_tokens").values({ id: `rt-${grant.id}`, grant_id: grant.id, client_id: client.id, authorization_code_id: null, scopes: "basic", created_at: at, rotated_at: null, revoked_at: null }).execute();
      await database.db.insertInto("oauth1_tokens").values({ token: `o1-${grant.id}`, kind: "access", client_id: client.id, user_id: user.id, grant_id: grant.id, secret_sealed: "x", callback_url: null, verifier_hash: null, scopes: "basic", created_at: at, expires_at: null, authorized_at: at, consumed_at: null, revoked_at: null }).execute();
      assert.equal(await revokeGrant(database.db, grant.id, now), true);
      assert.equal(await revokeGrant(database.db, grant.id, now), false);
      const refresh = await database.db.selectFrom("refresh_tokens").select("revoked_at").where("grant_id", "=", grant.id).executeTakeFirstOrThrow();
      const oauth1 = await database.db.selectFrom("oauth1_tokens").select("revoked_at").where("grant_id", "=", grant.id).executeTakeFirstOrThrow();
      assert.equal(refresh.revoked_at, at);
      assert.equal(oauth1.revoked_at, at);
      assert.equal(await findLiveGrant(database.db, user.id, client.id), null);
      assert.deepEqual(await listConnectedApps(database.db, user.id), []);
      const fresh = await upsertGrant(database.db, user.id, client.id, ["basic"], now);
      assert.notEqual(fresh.id, grant.id);
    });

    it("housekeeping deletes what has expired and keeps what is live, rate-limit windows included", async () => {
      const at = Math.floor(now.getTime() / 1000);
      const user = await newUser();
      await createSession(database.db, "hk-old", user.id, new Date(now.getTime() - 7_200_000), 60);
      await createSession(database.db, "hk-live", user.id, now, 3600);
      await database.db.insertInto("rate_limits").values([
        { key: "hk-old-window", window_started_at: at - 2 * 86_400, count: 3 },
        { key: "hk-live-window", window_started_at: at - 60, count: 3 },
      ]).execute();
      await database.db.insertInto("revoked_access_tokens").values([
        { jti: "hk-expired", expires_at: at - 1 }, { jti: "hk-still-valid", expires_at: at + 3600 },
      ]).execute();
      await deleteExpiredRows(database.db, now);
      const sessions = await database.db.selectFrom("sessions").select("id").where("id", "like", "hk-%").execute();
      assert.deepEqual(sessions.map((r) => r.id), ["hk-live"]);
      const limits = await database.db.selectFrom("rate_limits").select("key").where("key", "like", "hk-%").execute();
      assert.deepEqual(limits.map((r) => r.key), ["hk-live-window"]);
      const jtis = await database.db.selectFrom("revoked_access_tokens").select("jti").where("jti", "like", "hk-%").execute();
      assert.deepEqual(jtis.map((r) => r.jti), ["hk-still-valid"]);
    });

    it("ends every grant of an app when the app is deleted", async () => {
      const user = await newUser();
      const { client } = await registerApplication(database.db, box, null, app, now);
      await upsertGrant(database.db, user.id, client.id, ["basic"], now);
      assert.equal(await removeApplication(database.db, client.id), true);
      assert.equal(await findLiveGrant(database.db, user.id, client.id), null);
      const left = await database.db.selectFrom("grants").select("id").where("client_id", "=", client.id).execute();
      assert.deepEqual(left, []);
    });
  });
}

describe("a SQLite database in a directory fitgate creates", () => {
  it("is in a directory only its owner can enter (the file holds password hashes)", async () => {
    const parent = mkdtempSync(join(tmpdir(), "fitgate-data-"));
    try {
      const handle = connectDatabase(`sqlite:${join(parent, "data", "fitgate.db")}`);
      await sql`select 1`.execute(handle.db);
      await handle.close();
      assert.equal(statSync(join(parent, "data")).mode & 0o077, 0);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

const postgres = targets.find((t) => t.dialect === "postgres");
describe("a PostgreSQL connection the server ends", { skip: postgres?.skip ?? "no PostgreSQL target" }, () => {
  const database = useTestDatabase(postgres!);

  it("does not crash the process: the pool drops the idle client and the next query reconnects", async () => {
    const name = `fitgate-idle-${randomBytes(4).toString("hex")}`;
    const handle = connectDatabase(`${database.url}&application_name=${name}`);
    try {
      await sql`select 1`.execute(handle.db);
      // a database restart or an operator's pg_terminate_backend ends the idle connection
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${name}`.execute(database.db);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const again = await sql<{ one: number }>`select 1 as one`.execute(handle.db);
      assert.equal(again.rows[0]?.one, 1);
    } finally {
      await handle.close();
    }
  });
});
