// The scale line: lines (b) and (c) again, on a second database holding a
// year of history (lib/seed/history.ts), with the app started on it the
// same way (startApp), in the same run; then EXPLAIN (ANALYZE, BUFFERS) of the
// hot statements on that database. The statements are not copied here: the
// app's own functions run on a Prisma client that logs its queries, and each
// logged statement is explained with the parameters it was sent with.
import pg from "pg";
import { listAppointments } from "@/lib/booking/queries";
import { findAvailability } from "@/lib/booking/availability";
import { loadVisitContext } from "@/lib/appointments/context";
import { connectionFromUrl } from "@/lib/db/connection";
import { createPrisma, type Db } from "@/lib/db/prisma";
import { seedHistory, type HistoryCounts, type HistorySize } from "@/lib/seed/history";
import { availabilityQueries, measureBaselines, measureBookingAndAvailability, warmUp, type BookingAndAvailability } from "./lines";
import type { Figures, MeasureOptions } from "./measure";
import { adminSql, BENCH_PATIENTS, databaseNameOf, patientEmail, prepareDatabase, startApp, type BenchConfig } from "./setup";

/** How much history (BENCH_HISTORY_* to change it). */
const HISTORY: HistorySize = {
  patients: Number(process.env.BENCH_HISTORY_PATIENTS ?? 50_000),
  therapists: Number(process.env.BENCH_HISTORY_THERAPISTS ?? 40),
  appointments: Number(process.env.BENCH_HISTORY_APPOINTMENTS ?? 200_000),
};

/** The p95 target: the history database's p95 within this factor of the empty one's. */
export const SCALE_TARGET = 1.25;

export interface Explained {
  what: string;
  sql: string;
  plan: string[];
}

export interface ScaleLine {
  counts: HistoryCounts;
  figures: BookingAndAvailability;
  explained: Explained[];
  rows: { appointments: number; patients: number; therapists: number };
}

export async function measureScale(config: BenchConfig, only: string, options: Omit<MeasureOptions, "base">): Promise<ScaleLine> {
  const name = databaseNameOf(config.databaseUrl);
  console.log(`\nPreparing ${name} with a year of history…`);
  try {
    const prepared = await prepareDatabase(config);
    const counts = await seedHistory(config.databaseUrl, { hashFromEmail: patientEmail(0), emptyListEmail: patientEmail(BENCH_PATIENTS) }, HISTORY);
    console.log(
      `History: ${counts.patients} patients, ${counts.therapists} therapists, ${counts.appointments} past appointments with intakes and audit entries over ${counts.days} days, seeded in ${(counts.ms / 1000).toFixed(1)} s`,
    );
    let figures: BookingAndAvailability;
    const server = await startApp(config);
    try {
      const session = await warmUp(config.base, prepared);
      const lineOptions = { ...options, base: config.base };
      // (a) and (d) first, as on the empty database: the booking line then starts on an app as warm as there.
      await measureBaselines(session, only, lineOptions, " [history]");
      figures = await measureBookingAndAvailability(prepared, session, only, lineOptions, " [history]");
    } finally {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
    // After the booking line: the therapists' schedules now hold its appointments too.
    const explained = await explainHotStatements(config.databaseUrl, prepared.anna);
    for (const e of explained) console.log(`\nEXPLAIN (ANALYZE, BUFFERS): ${e.what}\n${e.plan.map((line) => `  ${line}`).join("\n")}`);
    const rows = await countRows(config.databaseUrl);
    return { counts, figures, explained, rows };
  } finally {
    await adminSql(config.databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  }
}

async function countRows(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ a: string; p: string; t: string }>(
      `SELECT (SELECT count(*) FROM "Appointment") a, (SELECT count(*) FROM "User" WHERE "role" = 'PATIENT') p, (SELECT count(*) FROM "Therapist") t`,
    );
    return { appointments: Number(rows[0]!.a), patients: Number(rows[0]!.p), therapists: Number(rows[0]!.t) };
  } finally {
    await client.end();
  }
}

/** The statements `run` sends, as [sql, parameters]. */
async function captured(db: Db & { $on: (event: "query", listener: (e: { query: string; params: string }) => void) => void }, run: () => Promise<unknown>) {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const listener = (e: { query: string; params: string }) => statements.push({ sql: e.query, params: JSON.parse(e.params) as unknown[] });
  db.$on("query", listener);
  await run();
  return statements.filter((s) => /^\s*(SELECT|WITH)/i.test(s.sql));
}

/** The availability statement (one therapist, every therapist), the booking's visit context (its slot check reads the schedule in it), the patient's list. */
export async function explainHotStatements(databaseUrl: string, anna: string): Promise<Explained[]> {
  const connection = connectionFromUrl(databaseUrl, 2);
  const db = createPrisma(connection, { log: [{ emit: "event", level: "query" }] });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const now = new Date();
    const [patient] = await db.user.findMany({ where: { email: patientEmail(0) }, select: { id: true } });
    // A history patient with past appointments (every patient has about four).
    const historyPatient = await db.appointment.findFirstOrThrow({ where: { status: "COMPLETED" }, select: { patientId: true }, orderBy: { startsAt: "desc" } });
    const { one, all } = availabilityQueries(anna);
    const range = { from: new Date(one.get("from")!), to: new Date(one.get("to")!) };
    // A time next week on the grid: what a booking's visit context reads under the locks.
    const start = new Date(Math.ceil((now.getTime() + 7 * 86_400_000) / 3_600_000) * 3_600_000);
    // [what, run, how many of its statements to explain (the list's first one reads the appointments; the rest load relations)]
    const cases: Array<[string, () => Promise<unknown>, number?]> = [
      ["(c) availability, one therapist, 28 days", () => findAvailability(db, { therapistId: anna, massageType: "swedish", duration: 60, ...range, now })],
      ["(c) availability, every therapist of a type", () => findAvailability(db, { massageType: "swedish", duration: Number(all.get("duration")), ...range, now })],
      [
        "(b) the booking's visit context (schedule for the slot check, coverage, idempotency)",
        () => loadVisitContext(db, { patientId: patient!.id, therapistId: anna, massageType: "swedish", duration: 30, start, idempotencyKey: "bench-explain", now }),
      ],
      ["(d) a patient's appointment list from now (the floor's query; a patient with history)", () => listAppointments(db, { id: historyPatient.patientId, role: "PATIENT" }, { from: now }), 1],
      ["a patient's past appointments, latest first (the same query without a window)", () => listAppointments(db, { id: historyPatient.patientId, role: "PATIENT" }, { order: "desc" }), 1],
    ];
    const explained: Explained[] = [];
    for (const [what, run, limit] of cases) {
      const statements = (await captured(db as never, run)).slice(0, limit);
      for (const [i, statement] of statements.entries()) {
        await client.query("BEGIN READ ONLY");
        try {
          const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.params);
          explained.push({ what: statements.length > 1 ? `${what}, statement ${i + 1}` : what, sql: statement.sql, plan: rows.map((r) => r["QUERY PLAN"]) });
        } finally {
          await client.query("ROLLBACK");
        }
      }
    }
    return explained;
  } finally {
    await client.end();
    await db.$disconnect();
    await connection.close();
  }
}

const ratioOf = (empty: Figures, history: Figures) => history.p95 / empty.p95;

const LINE_NAMES = { b: "(b) booking POST", c1: "(c) availability, one therapist, 28 days", c2: "(c) availability, every therapist of a type" };

function rows(empty: BookingAndAvailability, history: BookingAndAvailability) {
  return (["b", "c1", "c2"] as const).map((key) => {
    const ratio = ratioOf(empty[key], history[key]);
    return {
      name: LINE_NAMES[key],
      empty: empty[key].p95,
      history: history[key].p95,
      ratio,
      verdict: Number.isFinite(ratio) ? (ratio <= SCALE_TARGET ? "within" : "over") : "—",
    };
  });
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "—");

export function printScaleTable(empty: BookingAndAvailability, history: BookingAndAvailability) {
  console.log(`\nScale line: p95 on the empty database and on a year of history (target: history within ${SCALE_TARGET}x)`);
  console.log(`${"line".padEnd(48)} ${"empty p95".padStart(10)} ${"history p95".padStart(12)} ${"ratio".padStart(7)}  target ${SCALE_TARGET}x`);
  for (const r of rows(empty, history)) {
    console.log(`${r.name.padEnd(48)} ${ms(r.empty).padStart(10)} ${ms(r.history).padStart(12)} ${(Number.isFinite(r.ratio) ? r.ratio.toFixed(2) : "—").padStart(7)}  ${r.verdict}`);
  }
}

/** The access paths and timing of a plan: its scan lines with their index conditions (costs left out) and the execution time. */
export function planSummary(plan: string[]): string[] {
  return plan
    .filter((line) => /Scan|Index Cond|Execution Time/.test(line))
    .map((line) => line.replace(/^(\s*)->\s+/, "$1").replace(/\s*\(cost=[^)]*\)/, "").replace(/^ {2}/, ""));
}

export function scaleSection(empty: BookingAndAvailability, scale: ScaleLine): string {
  const { counts, rows: size } = scale;
  const table = rows(empty, scale.figures)
    .map((r) => `| ${r.name} | ${ms(r.empty)} | ${ms(r.history)} | ${Number.isFinite(r.ratio) ? r.ratio.toFixed(2) : "—"} | ${r.verdict} |`)
    .join("\n");
  const plans = scale.explained
    .map((e) => `**${e.what}**\n\n\`\`\`\n${planSummary(e.plan).join("\n")}\n\`\`\``)
    .join("\n\n");
  return `## Scale: a year of history

Lines (b) and (c) again in the same run, on a second database that also holds a year of
history (lib/seed/history.ts, plain SQL): ${counts.patients} more patients, ${counts.therapists} more therapists,
${counts.appointments} past appointments (completed, cancelled, no-show) over ${counts.days} days, each with an intake
and an audit entry, seeded in ${(counts.ms / 1000).toFixed(1)} s; ${size.appointments} appointments, ${size.patients} patients and
${size.therapists} therapists after the booking line. Target: p95 within ${SCALE_TARGET}x of the empty database.

| line | empty p95 ms | history p95 ms | ratio | target ${SCALE_TARGET}x |
| --- | ---: | ---: | ---: | --- |
${table}

EXPLAIN (ANALYZE, BUFFERS) of the hot statements on the history database (after its booking line),
as the app sends them; scan lines and execution time only (the full plans are in the bench's output):

${plans}
`;
}
