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
// Prints requests/s, p50/p95/p99 and every line's answers by status; every
// non-2xx answer is shown grouped by status and error code with a sample.
// Writes docs/benchmarks.md after a full run. Uses a database of its own
// (BENCH_DATABASE_URL, default clinic_bench on the local server), dropped at
// the end. The modules are in scripts/bench/.
import os from "node:os";
import { auditSection, measureAuditWriters, type AuditLine } from "./bench/audit";
import { measure, skipped, type Figures, type MeasureOptions } from "./bench/measure";
import { ratios, writeReport } from "./bench/report";
import {
  adminSql,
  BENCH_PATIENTS,
  databaseNameOf,
  freeTimes,
  patientEmail,
  prepareDatabase,
  signIn,
  startApp,
  type BenchConfig,
} from "./bench/setup";

const databaseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/clinic_bench";
const port = Number(process.env.BENCH_PORT ?? 3450);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
// BENCH_ONLY=b measures only the booking run (for profiling), e only the audit writers; docs/benchmarks.md is written only after a full run.
const only = process.env.BENCH_ONLY ?? "abce";
const auditSeconds = Number(process.env.BENCH_AUDIT_SECONDS ?? 5);
const config: BenchConfig = { databaseUrl, port, base: `http://127.0.0.1:${port}` };
const { base } = config;
const lineOptions: MeasureOptions = { base, connections, seconds };

const intake = {
  painOnset: "chronic",
  painAreas: ["lower-back"],
  painLevel: 5,
  symptoms: { fever: false, contagiousIllness: false, acuteInjury: false },
  conditions: { cardiovascular: false, cancer: false, diabetes: false, osteoporosis: false },
};

const databaseName = databaseNameOf(databaseUrl);
console.log(`Preparing ${databaseName}…`);
const { therapists, anna, minimumNoticeHours } = await prepareDatabase(config);
const server = await startApp(config);
try {
  const cookies = await Promise.all(Array.from({ length: BENCH_PATIENTS }, (_, i) => signIn(base, patientEmail(i))));
  const readerCookie = await signIn(base, patientEmail(BENCH_PATIENTS));

  // Warm up every route once (first requests compile and load modules).
  await fetch(`${base}/api/bench/insert`, { method: "POST" });
  await fetch(`${base}/api/v1/appointments`, { headers: { cookie: readerCookie } });
  const [warm] = await freeTimes(base, therapists.slice(-1), minimumNoticeHours, 0);
  const warmed = await fetch(`${base}/api/v1/appointments`, {
    method: "POST",
    signal: AbortSignal.timeout(60_000),
    headers: { "content-type": "application/json", cookie: cookies[0]! },
    body: JSON.stringify({ therapistId: warm!.therapistId, massageType: "swedish", duration: 30, start: warm!.start, intake }),
  });
  if (warmed.status !== 201) throw new Error(`The warm-up booking answered ${warmed.status}: ${await warmed.text()}`);

  const range = () => {
    const from = new Date();
    return { from: from.toISOString(), to: new Date(from.getTime() + 28 * 86_400_000).toISOString() };
  };
  const one = new URLSearchParams({ therapistId: anna, massageType: "swedish", duration: "60", ...range() });
  const all = new URLSearchParams({ massageType: "swedish", duration: "60", ...range() });

  console.log(`\n${connections} connections, ${seconds} s each, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}\n`);
  const a = only.includes("a")
    ? await measure("(a) baseline insert with exclusion constraint", { method: "POST", path: "/api/bench/insert" }, lineOptions)
    : skipped("(a) skipped");
  const d = only.includes("a") || only.includes("b")
    ? await measure("(d) floor: signed-in GET, empty list", { path: "/api/v1/appointments", headers: { cookie: readerCookie } }, lineOptions)
    : skipped("(d) skipped");

  let b: Figures = skipped("(b) skipped");
  if (only.includes("b")) {
    // Fetched just before the line, so every time is still on offer when it is booked.
    const queue = await freeTimes(base, therapists, minimumNoticeHours, seconds);
    console.log(`(${queue.length} distinct free times ready for the booking line)`);
    let next = 0;
    b = await measure(
      "(b) booking POST",
      {
        method: "POST",
        path: "/api/v1/appointments",
        next: () => {
          const slot = queue[next % queue.length]!;
          const cookie = cookies[next % cookies.length]!;
          next++;
          return {
            headers: { "content-type": "application/json", cookie },
            body: JSON.stringify({ therapistId: slot.therapistId, massageType: "swedish", duration: 30, start: slot.start, intake }),
          };
        },
      },
      lineOptions,
    );
    if (next > queue.length) console.log(`Warning: the booking line used ${next} requests for ${queue.length} free times; repeats answer 409.`);
  }
  const c1 = only.includes("c")
    ? await measure("(c) availability, one therapist, 28 days", { path: `/api/v1/availability?${one}` }, lineOptions)
    : skipped("(c) skipped");
  const c2 = only.includes("c")
    ? await measure("(c) availability, every therapist of a type", { path: `/api/v1/availability?${all}` }, lineOptions)
    : skipped("(c) skipped");

  let audit: AuditLine | undefined;
  if (only.includes("e")) {
    console.log("");
    audit = await measureAuditWriters(databaseUrl, auditSeconds);
  }

  const { bOverD, bOverA, dOverA } = ratios({ a, b, d });
  console.log(`\n(b)/(d) throughput ratio: ${(bOverD * 100).toFixed(1)}% (target at least 80%)`);
  console.log(`(b)/(a): ${(bOverA * 100).toFixed(1)}%; (d)/(a): ${(dOverA * 100).toFixed(1)}%`);
  console.log(`(c) p95: one therapist ${c1.p95.toFixed(1)} ms (target <= 50), all therapists ${c2.p95.toFixed(1)} ms (target <= 150)`);

  if (only !== "abce") {
    console.log(`\nBENCH_ONLY=${only}: docs/benchmarks.md left as it is.`);
  } else {
    writeReport({ host: new URL(databaseUrl).host, connections, seconds, therapists: therapists.length, a, b, c1, c2, d, sections: audit ? [auditSection(audit, auditSeconds)] : [] });
  }
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  await adminSql(databaseUrl, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).catch(() => undefined);
}
