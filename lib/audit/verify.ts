// Verifies the audit log's hash chain (the canonical text and hash of
// prisma/migrations/20261123001000_audit_chain; since 20261202000500_audit_sealer
// entries are written unsealed and chained by the sealer, lib/audit/sealer.ts).
// The sealed entries are checked; the unsealed ones are counted, and those
// older than a minute reported: the sealer should have reached them. The hashes are recomputed here,
// in Node, from the stored fields: the check does not trust any function in the
// database it is checking. Rows are read in "seq" order, in batches, so a long
// log is streamed rather than loaded.
import { createHash } from "node:crypto";
import type { DbClient } from "@/lib/db/prisma";
import type { RawSql } from "@/lib/db/raw";

/** One entry as the chain sees it: every field as the text that is hashed. */
export interface AuditChainRow {
  id: string;
  seq: string;
  prevHash: string | null;
  hash: string | null;
  /** UTC, microseconds: 2026-11-23T10:00:00.123000Z */
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  fromState: string | null;
  toState: string | null;
  /** jsonb's own text form, which the database normalises (key order, spacing). */
  details: string | null;
  ipAddress: string | null;
}

export interface BrokenLink {
  /** The entry where the chain first fails; null when the failure is entries missing at the end. */
  id: string | null;
  seq: string | null;
  reason: string;
}

/** Entries written but not sealed into the chain yet. */
export interface UnsealedEntries {
  count: number;
  /** Of those, written more than `staleAfterSeconds` ago (default a minute): is the sealer running? */
  stale: number;
  /** The oldest unsealed entry's time, UTC ISO, or null. */
  oldestAt: string | null;
}

export type AuditChainResult =
  | { ok: true; count: number; unsealed: UnsealedEntries }
  /** count: the entries before the first broken one, which were intact. */
  | { ok: false; count: number; firstBroken: BrokenLink; unsealed: UnsealedEntries };

export type AuditChainSource = RawSql | DbClient;

const CANONICAL_VERSION = "audit-v1";

/** NULL -> "-", otherwise "<UTF-8 byte length>:<text>", as audit_chain_field() in SQL. */
function field(value: string | null): string {
  return value === null ? "-" : `${Buffer.byteLength(value, "utf8")}:${value}`;
}

/** The text that is hashed: identical to audit_entry_canonical() in the migration. */
export function canonicalAuditText(row: AuditChainRow): string {
  return [
    CANONICAL_VERSION,
    field(row.seq),
    field(row.id),
    field(row.prevHash),
    field(row.at),
    field(row.actorId),
    field(row.actorRole),
    field(row.action),
    field(row.entityType),
    field(row.entityId),
    field(row.fromState),
    field(row.toState),
    field(row.details),
    field(row.ipAddress),
  ].join("\n");
}

export function auditEntryHash(row: AuditChainRow): string {
  return createHash("sha256").update(canonicalAuditText(row), "utf8").digest("hex");
}

/** Every column as text, so node-postgres, PGlite and Prisma all return the same strings. */
export const AUDIT_CHAIN_COLUMNS = `"id"::text AS "id", "seq"::text AS "seq", "prevHash", "hash",
  to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "at",
  "actorId"::text AS "actorId", "actorRole"::text AS "actorRole", "action", "entityType", "entityId",
  "fromState", "toState", "details"::text AS "details", "ipAddress"`;

type Query = <Row>(sql: string, params: unknown[]) => Promise<Row[]>;

function queryOf(source: AuditChainSource): Query {
  if ("$queryRawUnsafe" in source) {
    return <Row>(sql: string, params: unknown[]) => source.$queryRawUnsafe<Row[]>(sql, ...params);
  }
  return <Row>(sql: string, params: unknown[]) => source.query<Row>(sql, params);
}

/** Entries with afterSeq < seq <= uptoSeq, in chain order. */
export function readChainRows(
  source: AuditChainSource,
  afterSeq: bigint,
  uptoSeq: bigint,
  limit: number,
): Promise<AuditChainRow[]> {
  return queryOf(source)<AuditChainRow>(
    // Qualified: a bare "seq" in ORDER BY would be the text output column and sort "10" before "9".
    `SELECT ${AUDIT_CHAIN_COLUMNS} FROM "AuditEntry" e
     WHERE e."seq" > $1::bigint AND e."seq" <= $2::bigint ORDER BY e."seq" LIMIT $3::int`,
    [afterSeq.toString(), uptoSeq.toString(), limit],
  );
}

export interface VerifyOptions {
  /** Rows per query (default 1000). */
  batchSize?: number;
  /** An unsealed entry older than this is reported as stale (default 60). */
  staleAfterSeconds?: number;
}

/** The unsealed entries, by the database's clock. */
export async function unsealedAuditEntries(source: AuditChainSource, staleAfterSeconds = 60): Promise<UnsealedEntries> {
  const [row] = await queryOf(source)<{ count: number; stale: number; oldestAt: string | null }>(
    `SELECT count(*)::int AS "count",
            (count(*) FILTER (WHERE "at" < now() - make_interval(secs => $1::int)))::int AS "stale",
            to_char(min("at") AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "oldestAt"
       FROM "AuditEntry" WHERE "seq" IS NULL`,
    [staleAfterSeconds],
  );
  return { count: Number(row?.count ?? 0), stale: Number(row?.stale ?? 0), oldestAt: row?.oldestAt ?? null };
}

/**
 * Walks the chain from seq 1 to the head as it was when the walk began (entries
 * sealed meanwhile are left for the next run), reports the first entry whose
 * position, link or content does not hold, and counts the unsealed entries.
 */
export async function verifyAuditChain(source: AuditChainSource, options: VerifyOptions = {}): Promise<AuditChainResult> {
  const unsealed = await unsealedAuditEntries(source, options.staleAfterSeconds);
  const chain = await verifySealed(source, options.batchSize ?? 1000);
  return { ...chain, unsealed };
}

type SealedResult = { ok: true; count: number } | { ok: false; count: number; firstBroken: BrokenLink };

async function verifySealed(source: AuditChainSource, batchSize: number): Promise<SealedResult> {
  const query = queryOf(source);

  // The head and its entries commit together, so every entry up to head.seq is visible now.
  const [head] = await query<{ seq: string; hash: string | null }>(
    `SELECT "seq"::text AS "seq", "hash" FROM "AuditChainHead" WHERE "id" = 1`,
    [],
  );
  if (!head) return { ok: false, count: 0, firstBroken: { id: null, seq: null, reason: "The chain's head record is missing." } };
  const headSeq = BigInt(head.seq);

  let count = 0;
  let expectedSeq = 1n;
  let previousHash: string | null = null;
  for (;;) {
    const rows = await readChainRows(source, expectedSeq - 1n, headSeq, batchSize);
    for (const row of rows) {
      const broken = (reason: string): SealedResult => ({ ok: false, count, firstBroken: { id: row.id, seq: row.seq, reason } });
      const seq = BigInt(row.seq);
      if (seq !== expectedSeq) {
        const missing = seq - 1n === expectedSeq ? `entry ${expectedSeq} is` : `entries ${expectedSeq} to ${seq - 1n} are`;
        return broken(`The chain skips from entry ${expectedSeq - 1n} to ${seq}: ${missing} missing.`);
      }
      if (row.prevHash !== previousHash) {
        return broken(
          previousHash === null
            ? "The first entry links to an earlier one that does not exist."
            : "Its link does not match the hash of the entry before it: that entry was replaced or removed.",
        );
      }
      if (row.hash !== auditEntryHash(row)) {
        return broken("Its content does not match its hash: the entry was changed after it was written.");
      }
      previousHash = row.hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < batchSize) break;
  }

  const lastSeq = expectedSeq - 1n;
  if (lastSeq !== headSeq || previousHash !== head.hash) {
    const reason =
      lastSeq < headSeq
        ? `The chain ends at entry ${lastSeq} but its head is at ${headSeq}: the newest entries were removed.`
        : "The newest entry does not match the chain's head.";
    return { ok: false, count, firstBroken: { id: null, seq: (lastSeq + 1n).toString(), reason } };
  }

  // One statement, one snapshot: an entry past the head was not sealed by the sealer.
  const [stray] = await query<{ id: string; seq: string }>(
    `SELECT e."id"::text AS "id", e."seq"::text AS "seq" FROM "AuditEntry" e, "AuditChainHead" h
     WHERE h."id" = 1 AND e."seq" > h."seq" ORDER BY e."seq" LIMIT 1`,
    [],
  );
  if (stray) {
    return {
      ok: false,
      count,
      firstBroken: { id: stray.id, seq: stray.seq, reason: "The entry lies beyond the chain's head: it was added around the chain." },
    };
  }
  return { ok: true, count };
}

/** What is not sealed yet, for people; empty when nothing is waiting. */
export function describeUnsealed(unsealed: UnsealedEntries): string {
  if (unsealed.count === 0) return "";
  const waiting = unsealed.count === 1 ? "1 entry is" : `${unsealed.count} entries are`;
  if (unsealed.stale === 0) return `${waiting} waiting to be sealed into the chain.`;
  const stale =
    unsealed.count === 1 ? "written more than a minute ago (at" : `${unsealed.stale === unsealed.count ? "all" : unsealed.stale} of them written more than a minute ago (the oldest at`;
  return `${waiting} not sealed into the chain yet, ${stale} ${unsealed.oldestAt}): is the sealer running (npm run jobs)?`;
}

/** One line for people: the script's output and the admin page's banner. */
export function describeAuditChain(result: AuditChainResult): string {
  const unsealed = describeUnsealed(result.unsealed);
  const tail = unsealed ? ` ${unsealed}` : "";
  if (result.ok) {
    return (result.count === 1 ? "The audit log is intact: 1 sealed entry verified." : `The audit log is intact: ${result.count} sealed entries verified.`) + tail;
  }
  const { id, seq, reason } = result.firstBroken;
  const where = id !== null ? `entry ${seq} (id ${id})` : seq !== null ? `entry ${seq}` : "its head";
  return `The audit log's chain is broken at ${where}: ${reason} (${result.count} entries before it are intact.)${tail}`;
}
