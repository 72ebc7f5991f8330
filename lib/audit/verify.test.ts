import { describe, expect, inject, it } from "vitest";
import { writeAudit, type AuditInput } from "@/lib/audit";
import { connectionFromUrl } from "@/lib/db/connection";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { createPrisma, type Db } from "@/lib/db/prisma";
import type { RawSql } from "@/lib/db/raw";
import { createEmptyDatabase, createTestDatabase, useTestDatabase, type TestDatabase } from "@/test/db";
import { failureOf, sqlState } from "@/test/errors";
import { createPatient } from "@/test/fixtures";
import { postgresTarget } from "@/test/postgres-admin";
import { sealAuditLog } from "./sealer";
import {
  AUDIT_CHAIN_COLUMNS,
  auditEntryHash,
  canonicalAuditText,
  describeAuditChain,
  verifyAuditChain,
  type AuditChainRow,
} from "./verify";

const entry = (action: string, extra: Partial<AuditInput> = {}): AuditInput => ({
  actor: null,
  action,
  entityType: "Test",
  ...extra,
});

/** Nothing waiting to be sealed. */
const NONE = { count: 0, stale: 0, oldestAt: null };

/** The sealed entries, in chain order. */
async function chainRows(raw: RawSql): Promise<AuditChainRow[]> {
  return raw.query<AuditChainRow>(`SELECT ${AUDIT_CHAIN_COLUMNS} FROM "AuditEntry" e WHERE e."seq" IS NOT NULL ORDER BY e."seq"`);
}

/** What the background job does: every committed entry sealed into the chain. */
const seal = (raw: RawSql) => sealAuditLog(raw);

/** What only the table's owner can do: switch the append-only guard off for one transaction. */
function tamper(raw: RawSql, sql: string, params: unknown[] = []): Promise<void> {
  return raw.transaction(async (tx) => {
    await tx.exec(`ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_append_only"`);
    await tx.query(sql, params);
    await tx.exec(`ALTER TABLE "AuditEntry" ENABLE TRIGGER "AuditEntry_append_only"`);
  });
}

/** A private database with `n` chained entries, for a test that damages it. */
async function damagedLater(n: number): Promise<{ t: TestDatabase; rows: AuditChainRow[] }> {
  const t = await createTestDatabase();
  for (let i = 1; i <= n; i++) await writeAudit(t.db, entry(`test.${i}`, { details: { i } }));
  await seal(t.connection.raw);
  return { t, rows: await chainRows(t.connection.raw) };
}

describe("the chain on a shared database", () => {
  const t = useTestDatabase();

  it("starts empty and verifies", async () => {
    expect(await verifyAuditChain(t.connection.raw)).toEqual({ ok: true, count: 0, unsealed: NONE });
  });

  it("links each entry written by writeAudit to the one before it", async () => {
    const actor = await createPatient(t.db);
    await writeAudit(t.db, entry("chain.first", { actor: { id: actor.id, role: "PATIENT" }, entityId: "x1", toState: "CONFIRMED" }));
    await writeAudit(t.db, entry("chain.second", { details: { reason: "paid" }, ipAddress: "203.0.113.9" }));
    await writeAudit(t.db, entry("chain.third", { fromState: "HELD", toState: "CANCELLED" }));
    // Written, not chained yet: the sealer chains them.
    expect(await chainRows(t.connection.raw)).toEqual([]);
    expect(await verifyAuditChain(t.connection.raw)).toMatchObject({ ok: true, count: 0, unsealed: { count: 3, stale: 0 } });
    expect(await seal(t.connection.raw)).toEqual({ sealed: 3, busy: 0 });

    const rows = await chainRows(t.connection.raw);
    expect(rows.map((row) => row.seq)).toEqual(["1", "2", "3"]);
    expect(rows[0]!.prevHash).toBeNull();
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[2]!.prevHash).toBe(rows[1]!.hash);
    for (const row of rows) {
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.hash).toBe(auditEntryHash(row));
    }
    const head = await t.connection.raw.query(`SELECT "seq"::text AS seq, "hash" FROM "AuditChainHead"`);
    expect(head).toEqual([{ seq: "3", hash: rows[2]!.hash }]);
    expect(await verifyAuditChain(t.connection.raw)).toEqual({ ok: true, count: 3, unsealed: NONE });
    // Through Prisma too, and inside a transaction.
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, count: 3, unsealed: NONE });
    expect(await t.db.$transaction((tx) => verifyAuditChain(tx))).toEqual({ ok: true, count: 3, unsealed: NONE });
  });

  it("hashes the same canonical text in the database as the verifier does, for awkward values", async () => {
    const { raw } = t.connection;
    await writeAudit(t.db, {
      actor: null,
      action: "awkward\nline",
      entityType: 'quote " and back\\slash',
      entityId: "",
      fromState: "-",
      toState: "3:abc",
      details: { zeta: "ü😀\u0001", alpha: [1.5, 10, null, true], nested: { b: "x\ny", a: 1e21 } },
      ipAddress: "2001:db8::1",
    });
    await raw.query(
      `INSERT INTO "AuditEntry" ("action", "entityType", "actorRole", "details", "at") VALUES ($1, $2, 'ADMIN', $3::jsonb, $4)`,
      ["raw.\u00e9", "Ünïcode", JSON.stringify("just a string"), "2026-03-29T01:30:00.123456Z"],
    );
    await seal(raw);
    const rows = await raw.query<AuditChainRow & { canonical: string }>(
      `SELECT audit_entry_canonical(e) AS canonical, ${AUDIT_CHAIN_COLUMNS} FROM "AuditEntry" e ORDER BY e."seq"`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) {
      expect(canonicalAuditText(row)).toBe(row.canonical);
      expect(auditEntryHash(row)).toBe(row.hash);
    }
    const awkward = rows.find((row) => row.action === "awkward\nline")!;
    expect(canonicalAuditText(awkward)).toContain('\n12:awkward\nline\n22:quote " and back\\slash\n0:\n1:-\n5:3:abc\n');
    expect(canonicalAuditText(awkward).endsWith("\n11:2001:db8::1")).toBe(true);
    // timestamptz(3) rounds before the sealer hashes.
    expect(rows.find((row) => row.action === "raw.\u00e9")!.at).toBe("2026-03-29T01:30:00.123000Z");
    expect(await verifyAuditChain(raw)).toEqual({ ok: true, count: rows.length, unsealed: NONE });
  });

  it("refuses an entry that brings its own seal", async () => {
    const { raw } = t.connection;
    for (const columns of [`"seq") VALUES ('forged.chain', 'Test', 9999)`, `"hash") VALUES ('forged.chain', 'Test', 'y')`]) {
      const error = await failureOf(() => raw.query(`INSERT INTO "AuditEntry" ("action", "entityType", ${columns}`));
      expect((error as Error).message).toMatch(/cannot bring its own seal/);
      expect(sqlState(error)).toBe("42501");
    }
    expect(await raw.query(`SELECT 1 FROM "AuditEntry" WHERE "action" = 'forged.chain'`)).toEqual([]);
  });

  it("orders the chain by seq, not by id", async () => {
    const { raw } = t.connection;
    // An id below every other, written last: a verifier walking by id would fail here.
    await raw.query(`INSERT INTO "AuditEntry" ("id", "action", "entityType") VALUES (-5, 'low.id', 'Test')`);
    await seal(raw);
    const rows = await chainRows(raw);
    expect(rows.at(-1)!.id).toBe("-5");
    expect(await verifyAuditChain(raw)).toEqual({ ok: true, count: rows.length, unsealed: NONE });
  });

  it("streams in batches with the same answer", async () => {
    const whole = await verifyAuditChain(t.connection.raw);
    expect(await verifyAuditChain(t.connection.raw, { batchSize: 2 })).toEqual(whole);
    expect(await verifyAuditChain(t.connection.raw, { batchSize: 1 })).toEqual(whole);
  });

  it("keeps the chain head out of reach of direct writes", async () => {
    const { raw } = t.connection;
    const before = await raw.query(`SELECT * FROM "AuditChainHead"`);
    for (const statement of [
      `UPDATE "AuditChainHead" SET "seq" = 0`,
      `DELETE FROM "AuditChainHead"`,
      `INSERT INTO "AuditChainHead" ("id", "seq") VALUES (1, 0)`,
      `TRUNCATE "AuditChainHead"`,
    ]) {
      const error = await failureOf(() => raw.exec(statement));
      expect((error as Error).message, statement).toMatch(/The audit chain head moves only/);
      expect(sqlState(error), statement).toBe("42501");
    }
    expect(await raw.query(`SELECT * FROM "AuditChainHead"`)).toEqual(before);
  });

  it("gives positions back when a transaction rolls back, leaving no gap", async () => {
    await expect(
      t.db.$transaction(async (tx) => {
        await writeAudit(tx, entry("rolled.back"));
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    await writeAudit(t.db, entry("after.rollback"));
    await seal(t.connection.raw);
    const rows = await chainRows(t.connection.raw);
    expect(rows.map((row) => row.seq)).toEqual(rows.map((_, i) => String(i + 1)));
    expect(rows.some((row) => row.action === "rolled.back")).toBe(false);
    expect((await verifyAuditChain(t.connection.raw)).ok).toBe(true);
  });

  it("stays one valid chain under 100 concurrent transactions", async () => {
    // On PostgreSQL, a second pool wide enough for real contention; PGlite is one connection anyway.
    const source = inject("testDatabase");
    let wide: { db: Db; close(): Promise<void> } = { db: t.db, close: async () => undefined };
    if (source.kind === "postgres") {
      const [{ name }] = (await t.connection.raw.query<{ name: string }>(`SELECT current_database() AS name`)) as [{ name: string }];
      const connection = connectionFromUrl(postgresTarget(source.databaseUrl).urlFor(name), 25);
      const db = createPrisma(connection);
      wide = {
        db,
        async close() {
          await db.$disconnect();
          await connection.close();
        },
      };
    }
    try {
      const before = (await verifyAuditChain(t.connection.raw)) as { ok: true; count: number };
      const started = performance.now();
      const outcomes = await Promise.all(
        Array.from({ length: 100 }, (_, i) => {
          if (i % 4 === 0) return writeAudit(wide.db, entry(`concurrent.${i}`)).then(() => 1);
          return wide.db
            .$transaction(
              async (tx) => {
                await writeAudit(tx, entry(`concurrent.${i}`, { details: { i } }));
                await writeAudit(tx, entry(`concurrent.${i}.second`));
                if (i % 10 === 9) throw new Error("rolled back on purpose");
                return 2;
              },
              { maxWait: 20_000, timeout: 20_000 },
            )
            .catch((error: unknown) => {
              if ((error as Error).message === "rolled back on purpose") return 0;
              throw error;
            });
        }),
      );
      const elapsed = performance.now() - started;
      const written = outcomes.reduce((sum, n) => sum + n, 0);
      expect(written).toBeGreaterThan(100);
      expect(await seal(t.connection.raw)).toEqual({ sealed: written, busy: 0 });
      expect(await verifyAuditChain(t.connection.raw)).toEqual({ ok: true, count: before.count + written, unsealed: NONE });
      const rows = await chainRows(t.connection.raw);
      expect(rows.map((row) => row.seq)).toEqual(rows.map((_, i) => String(i + 1)));
      console.info(
        `100 concurrent audit writers on ${source.kind}: ${written} entries in ${elapsed.toFixed(0)} ms; ` +
          `${rows.filter((row, i) => i > 0 && BigInt(row.id) < BigInt(rows[i - 1]!.id)).length} chained out of id order`,
      );
    } finally {
      await wide.close();
    }
  }, 60_000);
});

describe("tampering", () => {
  it("finds a changed entry: the first broken link is that entry", async () => {
    const { t, rows } = await damagedLater(5);
    try {
      await tamper(t.connection.raw, `UPDATE "AuditEntry" SET "details" = '{"i": 30}' WHERE "id" = $1`, [rows[2]!.id]);
      const result = await verifyAuditChain(t.connection.raw);
      expect(result).toEqual({
        ok: false,
        count: 2,
        firstBroken: { id: rows[2]!.id, seq: "3", reason: expect.stringMatching(/changed after it was written/) },
        unsealed: NONE,
      });
      expect(describeAuditChain(result)).toMatch(/broken at entry 3 \(id \d+\)/);
      // The streaming walk finds the same place.
      expect(await verifyAuditChain(t.connection.raw, { batchSize: 2 })).toEqual(result);
    } finally {
      await t.close();
    }
  });

  it("finds a changed entry whose hash was recomputed: the link from the next one breaks", async () => {
    const { t, rows } = await damagedLater(5);
    try {
      await tamper(
        t.connection.raw,
        `UPDATE "AuditEntry" SET "action" = 'rewritten' WHERE "id" = $1;`,
        [rows[1]!.id],
      );
      await tamper(t.connection.raw, `UPDATE "AuditEntry" e SET "hash" = audit_entry_hash(e) WHERE "id" = $1`, [rows[1]!.id]);
      expect(await verifyAuditChain(t.connection.raw)).toEqual({
        ok: false,
        count: 2,
        firstBroken: { id: rows[2]!.id, seq: "3", reason: expect.stringMatching(/does not match the hash of the entry before it/) },
        unsealed: NONE,
      });
    } finally {
      await t.close();
    }
  });

  it("finds a deleted entry in the middle", async () => {
    const { t, rows } = await damagedLater(5);
    try {
      await tamper(t.connection.raw, `DELETE FROM "AuditEntry" WHERE "id" = $1`, [rows[2]!.id]);
      expect(await verifyAuditChain(t.connection.raw)).toEqual({
        ok: false,
        count: 2,
        firstBroken: { id: rows[3]!.id, seq: "4", reason: "The chain skips from entry 2 to 4: entry 3 is missing." },
        unsealed: NONE,
      });
    } finally {
      await t.close();
    }
  });

  it("finds a deleted entry in the middle even when the later ones were renumbered", async () => {
    const { t, rows } = await damagedLater(5);
    try {
      await tamper(t.connection.raw, `DELETE FROM "AuditEntry" WHERE "id" = $1`, [rows[2]!.id]);
      await tamper(t.connection.raw, `UPDATE "AuditEntry" SET "seq" = "seq" - 1 WHERE "seq" > 3`);
      const result = await verifyAuditChain(t.connection.raw);
      expect(result).toMatchObject({ ok: false, count: 2, firstBroken: { id: rows[3]!.id, seq: "3" } });
    } finally {
      await t.close();
    }
  });

  it("finds the newest entries removed", async () => {
    const { t } = await damagedLater(5);
    try {
      await tamper(t.connection.raw, `DELETE FROM "AuditEntry" WHERE "seq" >= 4`);
      expect(await verifyAuditChain(t.connection.raw)).toEqual({
        ok: false,
        count: 3,
        firstBroken: { id: null, seq: "4", reason: expect.stringMatching(/ends at entry 3 but its head is at 5/) },
        unsealed: NONE,
      });
    } finally {
      await t.close();
    }
  });

  it("finds an entry added around the sealer", async () => {
    const { t } = await damagedLater(3);
    try {
      await t.connection.raw.transaction(async (tx) => {
        await tx.exec(`ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_zz_unsealed"`);
        await tx.query(`INSERT INTO "AuditEntry" ("action", "entityType", "seq") VALUES ('sneaked.in', 'Test', 4)`);
        await tx.exec(`ALTER TABLE "AuditEntry" ENABLE TRIGGER "AuditEntry_zz_unsealed"`);
      });
      expect(await verifyAuditChain(t.connection.raw)).toMatchObject({
        ok: false,
        count: 3,
        firstBroken: { seq: "4", reason: expect.stringMatching(/beyond the chain's head/) },
      });
    } finally {
      await t.close();
    }
  });
});

describe("the migration", () => {
  it("chains the entries that were written before it, in id order", async () => {
    const empty = await createEmptyDatabase();
    try {
      const { raw } = empty.connection;
      const all = readMigrations();
      await migrate(raw, all.filter((migration) => migration.name < "20261123001000_audit_chain"));
      for (const action of ["old.one", "old.two", "old.three"]) {
        await raw.query(`INSERT INTO "AuditEntry" ("action", "entityType", "details") VALUES ($1, 'Test', '{"old": true}')`, [action]);
      }
      await migrate(raw, all);
      const rows = await chainRows(raw);
      expect(rows.map((row) => [row.seq, row.action])).toEqual([
        ["1", "old.one"],
        ["2", "old.two"],
        ["3", "old.three"],
      ]);
      await raw.query(`INSERT INTO "AuditEntry" ("action", "entityType") VALUES ('new.one', 'Test')`);
      expect(await verifyAuditChain(raw)).toMatchObject({ ok: true, count: 3, unsealed: { count: 1, stale: 0 } });
      await seal(raw);
      expect(await verifyAuditChain(raw)).toEqual({ ok: true, count: 4, unsealed: NONE });
      // The append-only guard is back on.
      expect(sqlState(await failureOf(() => raw.exec(`UPDATE "AuditEntry" SET "action" = 'x'`)))).toBe("42501");
    } finally {
      await empty.close();
    }
  });
});
