// The bench's world: its own database (seeded, with round-the-clock
// therapists and patients of its own), the built app on a loopback port, the
// patients' session cookies and the free times the booking line books.
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { connectionFromUrl } from "@/lib/db/connection";
import { createPrisma } from "@/lib/db/prisma";
import { getClinicSettings } from "@/lib/settings";
import { ensurePhysician, ensureTherapist, ensureUser } from "@/lib/seed/factories";

export const BENCH_THERAPISTS = 12;
export const BENCH_PATIENTS = 8;
const PASSWORD = "bench-password-not-secret";

export interface BenchConfig {
  databaseUrl: string;
  port: number;
  base: string;
}

/** A statement on the server's maintenance database (CREATE / DROP DATABASE). */
export async function adminSql(databaseUrl: string, sql: string) {
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function databaseNameOf(databaseUrl: string): string {
  return new URL(databaseUrl).pathname.slice(1);
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}`))));
  });
}

export function appEnv(config: BenchConfig): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: config.databaseUrl,
    AUTH_SECRET: "bench-only-secret-not-for-production-0123456789",
    BENCH_ROUTES: "true",
    APP_URL: `http://127.0.0.1:${config.port}`,
    SEED_DEMO: "true",
    PORT: String(config.port),
    // Background jobs (mail delivery, the audit sealer) would compete with the measured requests.
    JOBS_INTERVAL_SECONDS: "0",
    DATABASE_POOL_MAX: "20",
  };
}

export interface Prepared {
  therapists: string[];
  anna: string;
  minimumNoticeHours: number;
}

/** A fresh database: migrated, seeded, the baseline's table, the bench's therapists and patients. */
export async function prepareDatabase(config: BenchConfig): Promise<Prepared> {
  const name = databaseNameOf(config.databaseUrl);
  await adminSql(config.databaseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminSql(config.databaseUrl, `CREATE DATABASE "${name}"`);
  await run(process.execPath, ["--import", "tsx", "scripts/seed.ts"], appEnv(config));
  const connection = connectionFromUrl(config.databaseUrl, 4);
  const db = createPrisma(connection);
  try {
    await connection.raw.exec(`
      CREATE TABLE bench_slot (
        id bigserial PRIMARY KEY,
        therapist_id uuid NOT NULL,
        during tstzrange NOT NULL,
        EXCLUDE USING gist (therapist_id WITH =, during WITH &&)
      );
      CREATE SEQUENCE bench_slot_seq;`);
    // Round-the-clock therapists with no buffer, so the booking run never runs out of distinct free times.
    const allWeek: Array<[number, string, string]> = [1, 2, 3, 4, 5, 6, 7].map((d) => [d, "00:00", "24:00"]);
    const therapists: string[] = [];
    for (let i = 0; i < BENCH_THERAPISTS; i++) {
      const therapist = await ensureTherapist(db, {
        email: `bench-therapist-${i}@bench.test`,
        name: `Bench Therapist ${i}`,
        password: PASSWORD,
        certificationNumber: `BENCH-${i}`,
        certificationExpiry: new Date("2099-12-31"),
        massageTypes: ["swedish"],
        hours: allWeek,
      });
      await db.therapist.update({ where: { id: therapist.id }, data: { bufferMinutes: 0 } });
      therapists.push(therapist.id);
    }
    // One more patient who never books: the reference line (d) reads their (empty) list.
    for (let i = 0; i <= BENCH_PATIENTS; i++) {
      await ensureUser(db, { email: `bench-patient-${i}@bench.test`, name: `Bench Patient ${i}`, role: "PATIENT", password: PASSWORD });
    }
    await ensurePhysician(db, { email: "bench-physician@bench.test", name: "Dr. Bench", password: PASSWORD, specialty: "", licenseNumber: "" });
    const anna = await db.therapist.findFirstOrThrow({ where: { user: { email: "therapist@clinic.test" } }, select: { id: true } });
    const { minimumNoticeHours } = await getClinicSettings(db);
    return { therapists, anna: anna.id, minimumNoticeHours };
  } finally {
    await db.$disconnect();
    await connection.close();
  }
}

export async function startApp(config: BenchConfig): Promise<ChildProcess> {
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env: appEnv(config), stdio: ["ignore", "inherit", "inherit"] });
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`${config.base}/api/v1/massage-types`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill("SIGTERM");
  throw new Error("The app did not start");
}

export async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD }),
  });
  const session = response.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c?.includes("session-token"));
  if (!session) throw new Error(`Sign-in failed for ${email} (${response.status})`);
  return session;
}

export const patientEmail = (i: number) => `bench-patient-${i}@bench.test`;

export interface Slot {
  therapistId: string;
  start: string;
}

/**
 * Free 30-minute times of every bench therapist, interleaved so concurrent
 * requests rarely wait on one therapist's lock. Times that could fall inside
 * the minimum notice before the booking line ends are left out: the clock
 * moves on while the bench runs, and a time offered at the start of the run
 * can be refused ("This time cannot be booked") by the time it is booked.
 */
export async function freeTimes(base: string, therapists: string[], minimumNoticeHours: number, runSeconds: number): Promise<Slot[]> {
  const from = new Date();
  const earliest = from.getTime() + minimumNoticeHours * 3_600_000 + (runSeconds + 600) * 1000;
  const to = new Date(from.getTime() + 60 * 86_400_000);
  const perTherapist = await Promise.all(
    therapists.map(async (therapistId) => {
      const query = new URLSearchParams({ therapistId, massageType: "swedish", duration: "30", from: from.toISOString(), to: to.toISOString() });
      const response = await fetch(`${base}/api/v1/availability?${query}`);
      if (!response.ok) throw new Error(`Availability answered ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as { slots: Array<{ start: string }> };
      return body.slots.filter((slot) => Date.parse(slot.start) >= earliest).map((slot) => ({ therapistId, start: slot.start }));
    }),
  );
  const queue: Slot[] = [];
  for (let i = 0; ; i++) {
    const row = perTherapist.map((list) => list[i]).filter((slot): slot is Slot => Boolean(slot));
    if (row.length === 0) break;
    queue.push(...row);
  }
  return queue;
}
