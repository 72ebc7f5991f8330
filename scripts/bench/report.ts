// docs/benchmarks.md from one full run's figures.
import fs from "node:fs";
import os from "node:os";
import { failureLines, statusLine, type Figures } from "./measure";

export interface Report {
  host: string;
  connections: number;
  seconds: number;
  therapists: number;
  a: Figures;
  b: Figures;
  c1: Figures;
  c2: Figures;
  d: Figures;
  /** Extra markdown (the audit line), placed after the ratios. */
  sections: string[];
}

/** What follows this line in docs/benchmarks.md is written by hand (run history, notes) and kept by each run. */
export const NOTES_MARKER = "<!-- Below this line: notes by hand, kept when npm run bench rewrites the figures above. -->";

function keptNotes(file: string): string {
  const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const at = old.indexOf(NOTES_MARKER);
  return at === -1 ? `${NOTES_MARKER}\n` : old.slice(at);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function ratios(r: Pick<Report, "a" | "b" | "d">) {
  return {
    bOverD: r.b.requestsPerSecond / r.d.requestsPerSecond,
    bOverA: r.b.requestsPerSecond / r.a.requestsPerSecond,
    dOverA: r.d.requestsPerSecond / r.a.requestsPerSecond,
  };
}

export function writeReport(r: Report, file = "docs/benchmarks.md") {
  const { bOverD, bOverA, dOverA } = ratios(r);
  const lines = [r.a, r.d, r.b, r.c1, r.c2];
  const row = (f: Figures) =>
    `| ${f.name} | ${f.requestsPerSecond.toFixed(1)} | ${f.p50.toFixed(1)} | ${f.p95.toFixed(1)} | ${f.p99.toFixed(1)} | ${f.total} | ${statusLine(f)} |`;
  const notes = keptNotes(file);
  const explained = lines.flatMap((f) => failureLines(f).map((text) => `- ${f.name}: ${text}`));
  fs.writeFileSync(
    file,
    `# Benchmarks

Measured by \`npm run bench\` (scripts/bench.ts) on ${new Date().toISOString().slice(0, 10)}: the built app
(\`next start\`) on PostgreSQL at ${r.host}, ${os.cpus().length} CPUs **shared with other work**
(other builds and test runs were using the same CPUs, load average ${os.loadavg()[0]!.toFixed(1)} at the end of the run),
autocannon with ${r.connections} connections for ${r.seconds} s per line, all in one run. The
absolute figures move with the machine's load; the ratios, measured in the same
run, move less, but still by several points from run to run.

| what | requests/s | p50 ms | p95 ms | p99 ms | requests | answers |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
${lines.map(row).join("\n")}

${explained.length ? `Every answer that was not 2xx:\n\n${explained.join("\n")}\n` : "Every answer was 2xx.\n"}
- **(b)/(d) throughput: ${pct(bOverD)}** (target: at least 80%). (d) is an everyday signed-in
  read that finds nothing (session cookie, the user, one list query with its
  relations, an empty JSON answer).
- (b)/(a): ${pct(bOverA)}; (d)/(a): ${pct(dOverA)}.
- (c) p95: one therapist **${r.c1.p95.toFixed(1)} ms** (target 50 ms); every therapist of a type
  (${r.therapists + 2} therapists) **${r.c2.p95.toFixed(1)} ms** (target 150 ms).

(a) inserts one row into a table with an exclusion constraint (btree_gist), through the
same Prisma client and pool. (b) is a patient's full booking: session, zod validation,
screening, a transaction with the patient's and the therapist's advisory locks, the
visit context (one statement), the coverage and slot rules, the mail with its .ics
file, and one statement that inserts the appointment (under the exclusion constraint),
intake, outbox mail and audit entry (written unsealed, ADR 0013), each request on a distinct free time (eight
patients, twelve round-the-clock therapists, times beyond the minimum notice so none
expires during the run). (c) "every therapist of a type" answers one slot per start
time (docs/decisions/0008) computed over all ${r.therapists + 2} therapists.
${r.sections.map((s) => `\n${s}`).join("")}
${notes}`,
  );
  console.log(`\nWrote ${file}`);
}
