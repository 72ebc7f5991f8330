// Every write of an appointment goes through lib/appointments: this test
// fails when another source file inserts, updates or deletes Appointment rows
// (through Prisma or in SQL). Tests and seed data (lib/seed: the demo clinic, the bench's history) may write rows of their own.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const ALLOWED = [/^lib\/appointments\//, /\.test\.tsx?$/, /^lib\/seed\//, /^test\//, /^e2e\//, /^lib\/generated\//];

/** Prisma calls on the appointment model that write, and SQL that writes the table. */
const WRITES = [
  /\bappointment\s*\.\s*(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)\s*\(/,
  /\bINSERT\s+INTO\s+"Appointment"/i,
  /\bUPDATE\s+"Appointment"/i,
  /\bDELETE\s+FROM\s+"Appointment"/i,
];

function sourceFiles(): string[] {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "--", "app", "lib", "components", "scripts"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return listed.split("\n").filter((file) => /\.(ts|tsx|js|mjs)$/.test(file) && fs.existsSync(path.join(ROOT, file)));
}

export function appointmentWritesOutsideLifecycle(files = sourceFiles()): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (ALLOWED.some((pattern) => pattern.test(file))) continue;
    const lines = fs.readFileSync(path.join(ROOT, file), "utf8").split("\n");
    lines.forEach((line, index) => {
      if (WRITES.some((pattern) => pattern.test(line))) found.push(`${file}:${index + 1}: ${line.trim()}`);
    });
  }
  return found;
}

describe("the lifecycle module is the only writer of appointments", () => {
  it("finds no appointment write outside lib/appointments", () => {
    expect(appointmentWritesOutsideLifecycle()).toEqual([]);
  });

  it("would notice one (the check can fail)", () => {
    const probe = path.join(ROOT, "lib", "__probe_appointment_write.ts");
    fs.writeFileSync(probe, 'export const x = (db: any) => db.appointment.update({ where: { id: "1" }, data: {} });\nconst sql = `UPDATE "Appointment" SET "status" = \'CANCELLED\'`;\n');
    try {
      expect(appointmentWritesOutsideLifecycle(["lib/__probe_appointment_write.ts"])).toHaveLength(2);
    } finally {
      fs.rmSync(probe);
    }
  });
});
