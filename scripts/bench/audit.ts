// The audit line: N parallel transactions, each BEGIN, one audit entry,
// COMMIT, for a few seconds, N = 1, 4, 16; on a scratch database with the
// old chain trigger (every entry chained at insert under
// pg_advisory_xact_lock(727, 2), held to COMMIT: migrations before
// 20261202000500_audit_sealer) and on the bench's own database (entries
// written unsealed, sealed afterwards by audit_seal). Then the sealer's own
// pace on what the "after" writers left. docs/decisions/0013.
import pg from "pg";
import { connectionFromUrl } from "@/lib/db/connection";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { sealAuditLog } from "@/lib/audit/sealer";
import { adminSql, databaseNameOf } from "./setup";

export const SEALER_MIGRATION = "20261202000500_audit_sealer";
const WRITERS = [1, 4, 16];

interface WriterFigures {
  writers: number;
  perSecond: number;
  p50: number;
  p95: number;
  total: number;
}

export interface AuditLine {
  before: WriterFigures[];
  after: WriterFigures[];
  sealed: number;
  sealMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function writers(url: string, n: number, seconds: number): Promise<WriterFigures> {
  const clients = await Promise.all(
    Array.from({ length: n }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  const latencies: number[] = [];
  try {
    const started = performance.now();
    const until = started + seconds * 1000;
    await Promise.all(
      clients.map(async (client, i) => {
        for (let k = 0; performance.now() < until; k++) {
          const t0 = performance.now();
          await client.query("BEGIN");
          await client.query(`INSERT INTO "AuditEntry" ("action", "entityType", "entityId") VALUES ('bench.audit', 'Bench', $1)`, [`${n}:${i}:${k}`]);
          await client.query("COMMIT");
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { writers: n, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p95: percentile(latencies, 95), total: latencies.length };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}

async function series(url: string, label: string, seconds: number): Promise<WriterFigures[]> {
  const out: WriterFigures[] = [];
  for (const n of WRITERS) {
    const figures = await writers(url, n, seconds);
    console.log(
      `(e) audit writers, ${label.padEnd(6)} N=${String(n).padEnd(2)} ${figures.perSecond.toFixed(1).padStart(8)} tx/s  p50 ${figures.p50.toFixed(1)} ms  p95 ${figures.p95.toFixed(1)} ms  (${figures.total} transactions)`,
    );
    out.push(figures);
  }
  return out;
}

/** Runs both series; the scratch "before" database is created and dropped here. */
export async function measureAuditWriters(databaseUrl: string, seconds: number): Promise<AuditLine> {
  const scratchName = `${databaseNameOf(databaseUrl)}_audit_before`;
  const scratch = new URL(databaseUrl);
  scratch.pathname = `/${scratchName}`;
  await adminSql(databaseUrl, `DROP DATABASE IF EXISTS "${scratchName}" WITH (FORCE)`);
  await adminSql(databaseUrl, `CREATE DATABASE "${scratchName}"`);
  try {
    const connection = connectionFromUrl(scratch.toString(), 2);
    try {
      await migrate(connection.raw, readMigrations().filter((migration) => migration.name < SEALER_MIGRATION));
    } finally {
      await connection.close();
    }
    const before = await series(scratch.toString(), "before", seconds);
    const after = await series(databaseUrl, "after", seconds);
    const own = connectionFromUrl(databaseUrl, 2);
    try {
      const started = performance.now();
      const { sealed } = await sealAuditLog(own.raw, { maxBatches: 1_000_000 });
      const sealMs = performance.now() - started;
      console.log(`(e) the sealer then sealed ${sealed} entries in ${sealMs.toFixed(0)} ms (${((sealed / sealMs) * 1000).toFixed(0)} entries/s)`);
      return { before, after, sealed, sealMs };
    } finally {
      await own.close();
    }
  } finally {
    await adminSql(databaseUrl, `DROP DATABASE IF EXISTS "${scratchName}" WITH (FORCE)`).catch(() => undefined);
  }
}

export function auditSection(line: AuditLine, seconds: number): string {
  const rows = line.before.map((b, i) => {
    const a = line.after[i]!;
    return `| ${b.writers} | ${b.perSecond.toFixed(1)} | ${b.p50.toFixed(1)} / ${b.p95.toFixed(1)} | ${a.perSecond.toFixed(1)} | ${a.p50.toFixed(1)} / ${a.p95.toFixed(1)} | ${(a.perSecond / b.perSecond).toFixed(2)}x |`;
  });
  return `## (e) Audit writers without the global lock (ADR 0013)

N connections, each in a loop for ${seconds} s: BEGIN, one audit entry, COMMIT (straight to
PostgreSQL, no app). "Before" is a scratch database migrated up to the old chain trigger
(every entry chained at insert under one advisory lock held to COMMIT); "after" is the
bench's database (entries written unsealed; the sealer chains them later).

| N | before tx/s | before p50 / p95 ms | after tx/s | after p50 / p95 ms | after/before |
| ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join("\n")}

The sealer then sealed the ${line.sealed} entries the "after" writers left in ${line.sealMs.toFixed(0)} ms
(${((line.sealed / line.sealMs) * 1000).toFixed(0)} entries/s, one sealer, batches of 500).
`;
}
