// One line of the bench: autocannon against one route, with every answer's
// status counted and every non-2xx answer grouped by status and the JSON
// body's error code, so no failure goes unexplained.
import autocannon, { type Request as AutocannonRequest } from "autocannon";

export interface Failure {
  status: number;
  code: string;
  count: number;
  /** The first answer's message (or the start of its body when it is not our JSON). */
  sample: string;
}

export interface Figures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  total: number;
  /** Answers by status class or code: "2xx" for every success, the exact code otherwise. */
  statuses: Record<string, number>;
  /** Non-2xx answers, grouped by status and error code, most frequent first. */
  failures: Failure[];
  /** Requests without an answer: connection errors and timeouts. */
  unanswered: number;
}

export const skipped = (name: string): Figures => ({
  name,
  requestsPerSecond: NaN,
  p50: NaN,
  p95: NaN,
  p99: NaN,
  total: 0,
  statuses: {},
  failures: [],
  unanswered: 0,
});

export interface LineRequest {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  /** Builds each request's body and headers (a booking needs a fresh time per request). */
  next?: () => { headers: Record<string, string>; body: string };
}

export interface MeasureOptions {
  base: string;
  connections: number;
  seconds: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function describeBody(body: string | undefined): { code: string; message: string } {
  try {
    const json = JSON.parse(body ?? "") as { error?: unknown; message?: unknown; fields?: unknown };
    const fields = json.fields && typeof json.fields === "object" ? ` ${JSON.stringify(json.fields)}` : "";
    const text = (value: unknown) => (typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value));
    return { code: text(json.error) || "(no error code)", message: `${text(json.message)}${fields}`.slice(0, 300) };
  } catch {
    return { code: "(not JSON)", message: (body ?? "").replace(/\s+/g, " ").slice(0, 200) };
  }
}

/** "2xx 4980, 409 12, 429 8" */
export function statusLine(figures: Figures): string {
  const parts = Object.entries(figures.statuses)
    .toSorted(([a], [b]) => (a === "2xx" ? -1 : b === "2xx" ? 1 : a.localeCompare(b)))
    .map(([status, count]) => `${status} ${count}`);
  if (figures.unanswered) parts.push(`no answer ${figures.unanswered}`);
  return parts.join(", ") || "no requests";
}

export function failureLines(figures: Figures): string[] {
  return figures.failures.map((f) => `${f.status} ${f.code} x${f.count}: "${f.sample}"`);
}

export async function measure(name: string, line: LineRequest, options: MeasureOptions): Promise<Figures> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const failures = new Map<string, Failure>();
  const onResponse = (status: number, body: string) => {
    const key = status >= 200 && status < 300 ? "2xx" : String(status);
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (key === "2xx") return;
    const { code, message } = describeBody(body);
    const group = `${status} ${code}`;
    const failure = failures.get(group);
    if (failure) failure.count++;
    else failures.set(group, { status, code, count: 1, sample: message });
  };
  const { next } = line;
  const instance = autocannon({
    url: `${options.base}${line.path}`,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: line.method ?? "GET",
        headers: line.headers,
        onResponse,
        ...(next ? { setupRequest: (request: AutocannonRequest) => ({ ...request, ...next() }) } : {}),
      },
    ],
  });
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const figures: Figures = {
    name,
    requestsPerSecond: result.requests.total / result.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    total: result.requests.total,
    statuses,
    failures: [...failures.values()].toSorted((a, b) => b.count - a.count),
    unanswered: result.errors + result.timeouts,
  };
  console.log(
    `${name.padEnd(44)} ${figures.requestsPerSecond.toFixed(1).padStart(8)} req/s  p50 ${figures.p50.toFixed(1)} ms  p95 ${figures.p95.toFixed(1)} ms  p99 ${figures.p99.toFixed(1)} ms  (${figures.total} requests: ${statusLine(figures)})`,
  );
  for (const text of failureLines(figures)) console.log(`    ${text}`);
  return figures;
}
