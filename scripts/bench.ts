// npm run bench: the booking path's cost, measured against baselines in the
// same run, on the built app and a real PostgreSQL.
//   (a) a bare route handler inserting one row into a table with the same
//       kind of exclusion constraint (the least a booking can cost)
//   (d) an everyday signed-in read that finds nothing: the floor the booking
//       is measured against (target (b)/(d) >= 80%)
//   (b) the booking POST: session, validation, screening, transaction with the
//       advisory locks, exclusion constraint, intake, audit and outbox mail
//   (c) availability for 28 days: one therapist, and every therapist of a type
//   (e) N = 1, 4, 16 parallel transactions each writing one audit entry,
//       before (a scratch database with the old locking chain trigger) and
//       after (entries written unsealed, sealed later), straight to PostgreSQL
//   (h) the scale line: (b) and (c) again on a second database holding a year
//       of history (200,000 past appointments, 50,000 patients, 40 more
//       therapists), p95 beside the empty database's, and EXPLAIN of the hot
//       statements there (scripts/bench/scale.ts, lib/seed/history.ts);
//       (a) and (d) run there first too, so both apps are as warm when (b) starts
// Prints requests/s, p50/p95/p99 and every line's answers by status; every
// non-2xx answer is shown grouped by status and error code with a sample.
// Writes docs/benchmarks.md after a full run. Uses a database of its own
// (BENCH_DATABASE_URL, default clinic_bench on the local server), dropped at
// the end; the scale line's database is BENCH_HISTORY_DATABASE_URL (default: the same
// name with _history), dropped too. The modules are in scripts/bench/.
import os from "node:os";
import { auditSection, measureAuditWriters, type AuditLine } from "./bench/audit";
import { measureBaselines, measureBookingAndAvailability, warmUp, type BookingAndAvailability } from "./bench/lines";
import { skipped, type Figures, type MeasureOptions } from "./bench/measure";
import { ratios, writeReport } from "./bench/report";
import { measureScale, printScaleTable, scaleSection, type ScaleLine } from "./bench/scale";
import { adminSql, databaseNameOf, prepareDatabase, startApp, type BenchConfig } from "./bench/setup";

const databaseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/clinic_bench";
const historyUrl = process.env.BENCH_HISTORY_DATABASE_URL ?? databaseUrl.replace(/\/([^/?]+)(\?|$)/, "/$1_history$2");
const port = Number(process.env.BENCH_PORT ?? 3450);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
// BENCH_ONLY picks lines: a (with d), b, c, e (the audit writers), h (the scale line: b and c on a year of history;
// with b or c also measured, their ratios). BENCH_ONLY=h runs only the history database. docs/benchmarks.md is written only after a full run.
const ALL = "abceh";
const only = process.env.BENCH_ONLY ?? ALL;
const auditSeconds = Number(process.env.BENCH_AUDIT_SECONDS ?? 5);
const config: BenchConfig = { databaseUrl, port, base: `http://127.0.0.1:${port}` };
const { base } = config;
const lineOptions: MeasureOptions = { base, connections, seconds };

console.log(`${connections} connections, ${seconds} s each, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}`);
let a = skipped("(a) skipped");
let d = skipped("(d) skipped");
let empty: BookingAndAvailability = { b: skipped("(b) skipped"), c1: skipped("(c) skipped"), c2: skipped("(c) skipped") };
let audit: AuditLine | undefined;
let therapistCount = 0;
if (/[abcde]/.test(only)) {
  const databaseName = databaseNameOf(databaseUrl);
  console.log(`Preparing ${databaseName}…`);
  const prepared = await prepareDatabase(config);
  therapistCount = prepared.therapists.length;
  const server = await startApp(config);
  try {
    const session = await warmUp(base, prepared);
    console.log("");
    ({ a, d } = await measureBaselines(session, only, lineOptions));
    empty = await measureBookingAndAvailability(prepared, session, only, lineOptions);
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  try {
    if (only.includes("e")) {
      console.log("");
      audit = await measureAuditWriters(databaseUrl, auditSeconds);
    }
  } finally {
    await adminSql(databaseUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).catch(() => undefined);
  }
}

let scale: ScaleLine | undefined;
if (only.includes("h")) {
  // The history app on the next port, started after the empty one stopped: the two never share the CPUs.
  const historyPort = port + 1;
  const scaleOnly = /[abc]/.test(only) ? only : "abc";
  scale = await measureScale({ databaseUrl: historyUrl, port: historyPort, base: `http://127.0.0.1:${historyPort}` }, scaleOnly, { connections, seconds });
}

const { b, c1, c2 } = empty;
const measured = (f: Figures) => Number.isFinite(f.p95);
console.log("");
if (measured(b) && measured(d)) {
  const { bOverD, bOverA, dOverA } = ratios({ a, b, d });
  console.log(`(b)/(d) throughput ratio: ${(bOverD * 100).toFixed(1)}% (target at least 80%)`);
  console.log(`(b)/(a): ${(bOverA * 100).toFixed(1)}%; (d)/(a): ${(dOverA * 100).toFixed(1)}%`);
}
if (measured(c1)) console.log(`(c) p95: one therapist ${c1.p95.toFixed(1)} ms (target <= 50), all therapists ${c2.p95.toFixed(1)} ms (target <= 150)`);
if (scale) printScaleTable(empty, scale.figures);

if (only !== ALL) {
  console.log(`\nBENCH_ONLY=${only}: docs/benchmarks.md left as it is.`);
} else {
  const sections = [...(audit ? [auditSection(audit, auditSeconds)] : []), ...(scale ? [scaleSection(empty, scale)] : [])];
  writeReport({ host: new URL(databaseUrl).host, connections, seconds, therapists: therapistCount, a, b, c1, c2, d, sections });
}
