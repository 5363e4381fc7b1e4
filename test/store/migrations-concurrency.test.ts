// Kysely's migrator reads the catalogue of every schema on the server; another schema dropped at
// that moment must not fail our migration (several tenants, or parallel test runs, on one server).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { sql } from "kysely";
import { connectDatabase } from "../../src/store/kysely/connect.ts";
import { databaseTargets, POSTGRES_URL } from "../helpers/databases.ts";

const postgres = (await databaseTargets()).find((t) => t.dialect === "postgres");

describe("migrations while other schemas come and go on PostgreSQL", { skip: postgres?.skip ?? "no PostgreSQL target" }, () => {
  it("every migration of 12 fresh databases succeeds while another connection drops schemas", { timeout: 120_000 }, async () => {
    const churn = connectDatabase(POSTGRES_URL, { poolSize: 1 });
    let stop = false;
    const dropper = (async () => {
      while (!stop) {
        const name = `churn_${randomBytes(5).toString("hex")}`;
        await sql`create schema ${sql.id(name)}`.execute(churn.db);
        await sql`create table ${sql.id(name)}.t (id int)`.execute(churn.db);
        await sql`drop schema ${sql.id(name)} cascade`.execute(churn.db);
      }
    })();
    try {
      for (let i = 0; i < 12; i++) {
        const database = await postgres!.open();
        const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db);
        assert.ok(rows.length >= 3);
        await database.close();
      }
    } finally {
      stop = true;
      await dropper;
      await churn.close();
    }
  });
});
