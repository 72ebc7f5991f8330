// Lines (b) and (c) against one running app, so the empty database's run and
// the history database's run (scripts/bench/scale.ts) measure exactly the same
// requests: the warm-up, the booking queue fetched just before the line, the
// same availability queries.
import { measure, skipped, type Figures, type MeasureOptions } from "./measure";
import { BENCH_PATIENTS, freeTimes, patientEmail, signIn, type Prepared } from "./setup";

export const intake = {
  painOnset: "chronic",
  painAreas: ["lower-back"],
  painLevel: 5,
  symptoms: { fever: false, contagiousIllness: false, acuteInjury: false },
  conditions: { cardiovascular: false, cancer: false, diabetes: false, osteoporosis: false },
};

export interface Session {
  /** The booking patients' session cookies. */
  cookies: string[];
  /** The reader of line (d), who never books. */
  readerCookie: string;
}

/** Signs the bench patients in and warms every measured route once (first requests compile and load modules). */
export async function warmUp(base: string, prepared: Prepared): Promise<Session> {
  const cookies = await Promise.all(Array.from({ length: BENCH_PATIENTS }, (_, i) => signIn(base, patientEmail(i))));
  const readerCookie = await signIn(base, patientEmail(BENCH_PATIENTS));
  await fetch(`${base}/api/bench/insert`, { method: "POST" });
  await fetch(`${base}/api/v1/appointments`, { headers: { cookie: readerCookie } });
  const [warm] = await freeTimes(base, prepared.therapists.slice(-1), prepared.minimumNoticeHours, 0);
  const warmed = await fetch(`${base}/api/v1/appointments`, {
    method: "POST",
    signal: AbortSignal.timeout(60_000),
    headers: { "content-type": "application/json", cookie: cookies[0]! },
    body: JSON.stringify({ therapistId: warm!.therapistId, massageType: "swedish", duration: 30, start: warm!.start, intake }),
  });
  if (warmed.status !== 201) throw new Error(`The warm-up booking answered ${warmed.status}: ${await warmed.text()}`);
  return { cookies, readerCookie };
}

/**
 * Lines (a) and (d) (when `only` names a or b): before (b) on both databases, so each app has
 * served the same warm-up load (JIT, pools, caches) when the booking line starts.
 */
export async function measureBaselines(session: Session, only: string, options: MeasureOptions, suffix = "") {
  const a = only.includes("a")
    ? await measure(`(a) baseline insert with exclusion constraint${suffix}`, { method: "POST", path: "/api/bench/insert" }, options)
    : skipped(`(a) skipped${suffix}`);
  const d = only.includes("a") || only.includes("b")
    ? await measure(`(d) floor: signed-in GET, empty list${suffix}`, { path: "/api/v1/appointments", headers: { cookie: session.readerCookie } }, options)
    : skipped(`(d) skipped${suffix}`);
  return { a, d };
}

export interface BookingAndAvailability {
  b: Figures;
  c1: Figures;
  c2: Figures;
}

/** The 28-day availability queries of line (c): one therapist (the demo's Anna), and every therapist of a type. */
export function availabilityQueries(anna: string) {
  const from = new Date();
  const range = { from: from.toISOString(), to: new Date(from.getTime() + 28 * 86_400_000).toISOString() };
  return {
    one: new URLSearchParams({ therapistId: anna, massageType: "swedish", duration: "60", ...range }),
    all: new URLSearchParams({ massageType: "swedish", duration: "60", ...range }),
  };
}

/** Lines (b) and (c), each when `only` names it; `suffix` marks the run's lines ("", " [history]"). */
export async function measureBookingAndAvailability(
  prepared: Prepared,
  session: Session,
  only: string,
  options: MeasureOptions,
  suffix = "",
): Promise<BookingAndAvailability> {
  const { base, seconds } = options;
  let b: Figures = skipped(`(b) skipped${suffix}`);
  if (only.includes("b")) {
    // Fetched just before the line, so every time is still on offer when it is booked.
    const queue = await freeTimes(base, prepared.therapists, prepared.minimumNoticeHours, seconds);
    console.log(`(${queue.length} distinct free times ready for the booking line)`);
    let next = 0;
    b = await measure(
      `(b) booking POST${suffix}`,
      {
        method: "POST",
        path: "/api/v1/appointments",
        next: () => {
          const slot = queue[next % queue.length]!;
          const cookie = session.cookies[next % session.cookies.length]!;
          next++;
          return {
            headers: { "content-type": "application/json", cookie },
            body: JSON.stringify({ therapistId: slot.therapistId, massageType: "swedish", duration: 30, start: slot.start, intake }),
          };
        },
      },
      options,
    );
    if (next > queue.length) console.log(`Warning: the booking line used ${next} requests for ${queue.length} free times; repeats answer 409.`);
  }
  const { one, all } = availabilityQueries(prepared.anna);
  const c1 = only.includes("c")
    ? await measure(`(c) availability, one therapist, 28 days${suffix}`, { path: `/api/v1/availability?${one}` }, options)
    : skipped(`(c) skipped${suffix}`);
  const c2 = only.includes("c")
    ? await measure(`(c) availability, every therapist of a type${suffix}`, { path: `/api/v1/availability?${all}` }, options)
    : skipped(`(c) skipped${suffix}`);
  return { b, c1, c2 };
}
