import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { writeAudit, type AuditInput } from "@/lib/audit";
import type { RawSql } from "@/lib/db/raw";
import { JOBS, runJobsOnce } from "@/lib/jobs/run";
import { recordingTransport } from "@/lib/mail/testing";
import { useTestDatabase } from "@/test/db";
import { failureOf, sqlState } from "@/test/errors";
import { postgresTarget } from "@/test/postgres-admin";
import { sealAuditLog } from "./sealer";
import { AUDIT_CHAIN_COLUMNS, auditEntryHash, describeAuditChain, verifyAuditChain, type AuditChainRow } from "./verify";

const t = useTestDatabase();

const entry = (action: string, extra: Partial<AuditInput> = {}): AuditInput => ({ actor: null, action, entityType: "SealerTest", ...extra });

/** The sealed entries with these actions, in chain order. */
async function sealedRows(raw: RawSql, prefix: string): Promise<AuditChainRow[]> {
  return raw.query<AuditChainRow>(
    `SELECT ${AUDIT_CHAIN_COLUMNS} FROM "AuditEntry" e WHERE e."seq" IS NOT NULL AND e."action" LIKE $1 ORDER BY e."seq"`,
    [`${prefix}%`],
  );
}

/** Every entry is sealed and the whole chain verifies, with consecutive positions. */
async function expectWholeChain(raw: RawSql) {
  const result = await verifyAuditChain(raw);
  expect(result).toMatchObject({ ok: true, unsealed: { count: 0, stale: 0, oldestAt: null } });
  const seqs = await raw.query<{ seq: string }>(`SELECT e."seq"::text AS seq FROM "AuditEntry" e ORDER BY e."seq"`);
  expect(seqs.map((row) => row.seq)).toEqual(seqs.map((_, i) => String(i + 1)));
}

describe("the sealer", () => {
  it("seals in the order entries were written, in batches, linking each to the one before", async () => {
    const { raw } = t.connection;
    await sealAuditLog(raw);
    for (let i = 1; i <= 7; i++) await writeAudit(t.db, entry(`order.${i}`, { details: { i } }));
    expect(await sealedRows(raw, "order.")).toEqual([]);

    expect(await sealAuditLog(raw, { batchSize: 3 })).toEqual({ sealed: 7, busy: 0 });
    const rows = await sealedRows(raw, "order.");
    expect(rows.map((row) => row.action)).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `order.${i}`));
    // Written order and chain order agree when every writer committed before the run.
    expect(rows.map((row) => BigInt(row.id))).toEqual(rows.map((row) => BigInt(row.id)).toSorted((a, b) => (a < b ? -1 : 1)));
    for (const [i, row] of rows.entries()) {
      expect(row.hash).toBe(auditEntryHash(row));
      if (i > 0) {
        expect(BigInt(row.seq)).toBe(BigInt(rows[i - 1]!.seq) + 1n);
        expect(row.prevHash).toBe(rows[i - 1]!.hash);
      }
    }
    const [head] = await raw.query<{ seq: string; hash: string }>(`SELECT "seq"::text AS seq, "hash" FROM "AuditChainHead"`);
    expect(head).toEqual({ seq: rows.at(-1)!.seq, hash: rows.at(-1)!.hash });
    await expectWholeChain(raw);
    expect(await sealAuditLog(raw)).toEqual({ sealed: 0, busy: 0 });
  });

  it("stops after its batches and leaves the rest for the next run", async () => {
    const { raw } = t.connection;
    await sealAuditLog(raw);
    for (let i = 1; i <= 5; i++) await writeAudit(t.db, entry(`later.${i}`));
    expect(await sealAuditLog(raw, { batchSize: 2, maxBatches: 2 })).toEqual({ sealed: 4, busy: 0 });
    expect((await verifyAuditChain(raw)).unsealed.count).toBe(1);
    expect(await sealAuditLog(raw, { batchSize: 2, maxBatches: 2 })).toEqual({ sealed: 1, busy: 0 });
    expect((await sealedRows(raw, "later.")).map((row) => row.action)).toEqual([1, 2, 3, 4, 5].map((i) => `later.${i}`));
    await expectWholeChain(raw);
  });

  it("is one of the background jobs", async () => {
    const { raw } = t.connection;
    await sealAuditLog(raw);
    await writeAudit(t.db, entry("job.one"));
    const sealer = JOBS.filter((job) => job.name === "audit-seal");
    const summary = await runJobsOnce(t.db, new Date(), { jobs: sealer, mailTransport: recordingTransport() });
    expect(summary.jobs).toEqual([{ job: "audit-seal", ok: true, ms: expect.any(Number), counts: { sealed: 1, busy: 0 } }]);
    await expectWholeChain(raw);
  });

  it("keeps every entry unchangeable: no update or delete, of the seal columns either, outside the sealer", async () => {
    const { raw } = t.connection;
    await writeAudit(t.db, entry("guard.sealed"));
    await sealAuditLog(raw);
    await writeAudit(t.db, entry("guard.unsealed"));
    const id = async (action: string) =>
      (await raw.query<{ id: string }>(`SELECT "id"::text AS id FROM "AuditEntry" WHERE "action" = $1`, [action]))[0]!.id;
    const sealed = await id("guard.sealed");
    const unsealed = await id("guard.unsealed");
    for (const statement of [
      `UPDATE "AuditEntry" SET "action" = 'x' WHERE "id" = ${sealed}`,
      `UPDATE "AuditEntry" SET "hash" = 'x' WHERE "id" = ${sealed}`,
      `UPDATE "AuditEntry" SET "seq" = 999999, "hash" = 'x' WHERE "id" = ${unsealed}`,
      `UPDATE "AuditEntry" SET "action" = 'x' WHERE "id" = ${unsealed}`,
      `DELETE FROM "AuditEntry" WHERE "id" = ${sealed}`,
      `DELETE FROM "AuditEntry" WHERE "id" = ${unsealed}`,
      `TRUNCATE "AuditEntry"`,
    ]) {
      const error = await failureOf(() => raw.exec(statement));
      expect(sqlState(error), statement).toBe("42501");
    }
    // Even with the sealer's own setting on, only the seal columns of an unsealed entry may be set.
    for (const statement of [
      `UPDATE "AuditEntry" SET "hash" = 'x' WHERE "id" = ${sealed}`,
      `UPDATE "AuditEntry" SET "action" = 'x', "seq" = 999999, "hash" = 'x' WHERE "id" = ${unsealed}`,
      `DELETE FROM "AuditEntry" WHERE "id" = ${unsealed}`,
    ]) {
      const error = await failureOf(() =>
        raw.transaction(async (tx) => {
          await tx.query(`SELECT set_config('clinic.audit_sealing', 'on', true)`);
          await tx.exec(statement);
        }),
      );
      expect(sqlState(error), statement).toBe("42501");
    }
    expect(await sealAuditLog(raw)).toEqual({ sealed: 1, busy: 0 });
    await expectWholeChain(raw);
  });

  it("leaves a change to a sealed entry for verify to find", async () => {
    const { raw } = t.connection;
    await writeAudit(t.db, entry("tamper.one"));
    await writeAudit(t.db, entry("tamper.two"));
    await sealAuditLog(raw);
    const [victim] = await sealedRows(raw, "tamper.one");
    await raw.transaction(async (tx) => {
      await tx.exec(`ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_append_only"`);
      await tx.query(`UPDATE "AuditEntry" SET "details" = '{"forged": true}' WHERE "id" = $1`, [victim!.id]);
      await tx.exec(`ALTER TABLE "AuditEntry" ENABLE TRIGGER "AuditEntry_append_only"`);
    });
    const result = await verifyAuditChain(raw);
    expect(result).toMatchObject({ ok: false, firstBroken: { id: victim!.id, seq: victim!.seq, reason: expect.stringMatching(/changed after/) } });
    // Put back as it was, so the file's later tests see an intact chain.
    await raw.transaction(async (tx) => {
      await tx.exec(`ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_append_only"`);
      await tx.query(`UPDATE "AuditEntry" SET "details" = NULL WHERE "id" = $1`, [victim!.id]);
      await tx.exec(`ALTER TABLE "AuditEntry" ENABLE TRIGGER "AuditEntry_append_only"`);
    });
    await expectWholeChain(raw);
  });

  it("reports unsealed entries older than a minute, and stops reporting them once sealed", async () => {
    const { raw } = t.connection;
    await sealAuditLog(raw);
    await raw.query(`INSERT INTO "AuditEntry" ("action", "entityType", "at") VALUES ('stale.one', 'SealerTest', now() - interval '2 minutes')`);
    await writeAudit(t.db, entry("fresh.one"));
    const result = await verifyAuditChain(raw);
    expect(result).toMatchObject({ ok: true, unsealed: { count: 2, stale: 1, oldestAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } });
    expect(describeAuditChain(result)).toMatch(/2 entries are not sealed into the chain yet, 1 of them written more than a minute ago \(the oldest at /);
    expect((await verifyAuditChain(raw, { staleAfterSeconds: 600 })).unsealed).toMatchObject({ count: 2, stale: 0 });
    expect(await sealAuditLog(raw)).toEqual({ sealed: 2, busy: 0 });
    await expectWholeChain(raw);
  });
});

// Two connections at once: PGlite has one, so these run on PostgreSQL (CI runs the suite on both).
const onPostgres = inject("testDatabase").kind === "postgres";
if (onPostgres) describe("writers and the sealer at the same time", () => {
  async function clients(n: number): Promise<pg.Client[]> {
    const source = inject("testDatabase");
    if (source.kind !== "postgres") throw new Error("PostgreSQL only");
    const [{ name }] = (await t.connection.raw.query<{ name: string }>(`SELECT current_database() AS name`)) as [{ name: string }];
    const url = postgresTarget(source.databaseUrl).urlFor(name);
    return Promise.all(
      Array.from({ length: n }, async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        // A writer that had to wait for another's lock fails here instead of hanging the test.
        await client.query(`SET lock_timeout = '10s'`);
        return client;
      }),
    );
  }
  const insert = (client: pg.Client, action: string) =>
    client.query(`INSERT INTO "AuditEntry" ("action", "entityType") VALUES ($1, 'SealerTest') RETURNING "id"::text AS id`, [action]);

  it("lets two open transactions each write an entry without waiting for the other; both commit", async () => {
    const [one, two] = await clients(2);
    try {
      await one!.query("BEGIN");
      await two!.query("BEGIN");
      await insert(one!, "parallel.one");
      // With the old chain lock this insert waited for the first transaction to end (and hit lock_timeout here).
      await insert(two!, "parallel.two");
      const waiting = await t.connection.raw.query(
        `SELECT 1 FROM pg_locks WHERE NOT granted AND "database" = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      expect(waiting).toEqual([]);
      await two!.query("COMMIT");
      await one!.query("COMMIT");
    } finally {
      await Promise.all([one!.end(), two!.end()]);
    }
    expect(await sealAuditLog(t.connection.raw)).toMatchObject({ sealed: 2, busy: 0 });
    expect((await sealedRows(t.connection.raw, "parallel.")).map((row) => row.action).toSorted()).toEqual(["parallel.one", "parallel.two"]);
    await expectWholeChain(t.connection.raw);
  });

  it("seals an entry whose transaction committed late after the ones sealed meanwhile, with no gap", async () => {
    const { raw } = t.connection;
    await sealAuditLog(raw);
    const [slow, quick] = await clients(2);
    try {
      await slow!.query("BEGIN");
      const { rows: [early] } = await insert(slow!, "late.written-first");
      await insert(quick!, "late.written-second"); // autocommit
      expect(await sealAuditLog(raw)).toEqual({ sealed: 1, busy: 0 });
      await slow!.query("COMMIT");
      expect(await sealAuditLog(raw)).toEqual({ sealed: 1, busy: 0 });
      const rows = await sealedRows(raw, "late.");
      expect(rows.map((row) => row.action)).toEqual(["late.written-second", "late.written-first"]);
      expect(BigInt(rows[1]!.id)).toBeLessThan(BigInt(rows[0]!.id));
      expect(rows[1]!.id).toBe(early.id);
    } finally {
      await Promise.all([slow!.end(), quick!.end()]);
    }
    await expectWholeChain(raw);
  });

  it("runs one sealer at a time: a second one leaves at once", async () => {
    const { raw } = t.connection;
    await writeAudit(t.db, entry("busy.one"));
    const [holder] = await clients(1);
    try {
      await holder!.query("BEGIN");
      await holder!.query("SELECT pg_advisory_xact_lock(727, 3)");
      expect(await sealAuditLog(raw)).toEqual({ sealed: 0, busy: 1 });
      await holder!.query("ROLLBACK");
    } finally {
      await holder!.end();
    }
    expect(await sealAuditLog(raw)).toEqual({ sealed: 1, busy: 0 });
    await expectWholeChain(raw);
  });
});
