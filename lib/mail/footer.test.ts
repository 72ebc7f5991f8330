// Every mail closes with the clinic's name, address, phone and email: added
// where mail enters the outbox, so each template below, and any added later,
// carries them without knowing. Each template is queued through the outbox
// and read back; and nothing but lib/mail/outbox.ts writes outbox rows.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { invitationMail } from "@/lib/staff/mail";
import { waitlistOfferMail } from "@/lib/waitlist/mail";
import { useTestDatabase } from "@/test/db";
import { enqueueMail, outboxInsertSql } from "./outbox";
import { withClinicFooter } from "./render";
import {
  bookingCancelledMail,
  bookingConfirmedMail,
  bookingHeldMail,
  bookingRescheduledMail,
  clearanceApprovedMail,
  clearanceDeclinedMail,
  clearanceDocumentUploadedMail,
  clearanceNeedsChangeMail,
  holdEndedMail,
  type AppointmentMailInput,
} from "./templates";
import type { OutgoingMail } from "./types";

const t = useTestDatabase();

const clinic = {
  clinicName: "Back-care Massage Clinic",
  address: "Prinsengracht 263, 1016 GV Amsterdam",
  phone: "+31 20 555 0142",
  email: "desk@clinic.test",
};

const start = new Date("2026-12-08T09:00:00Z");
const appointment: AppointmentMailInput = {
  appointmentId: "3f0e6a8e-2b9d-4a53-8f7c-5d2c1b0a9e11",
  seriesId: "3f0e6a8e-2b9d-4a53-8f7c-5d2c1b0a9e11",
  sequence: 0,
  patientName: "Maria Jansen",
  patientEmail: "footer@example.test",
  therapistName: "Ana Novak",
  massageTypeName: "Deep tissue massage",
  start,
  end: new Date("2026-12-08T10:00:00Z"),
  timeZone: "Europe/Amsterdam",
  clinicName: clinic.clinicName,
  cancellationNoticeHours: 24,
  appUrl: "https://clinic.example.org",
  clinicEmail: "no-reply@clinic.example.org",
  stamp: new Date("2026-12-01T12:00:00Z"),
};
const holdUntil = new Date("2026-12-07T09:00:00Z");

/** Every template of the app, each with what it needs. */
const templates: Array<[string, OutgoingMail]> = [
  ["booking confirmed", bookingConfirmedMail(appointment)],
  ["booking held", bookingHeldMail({ ...appointment, holdUntil })],
  ["booking cancelled", bookingCancelledMail({ ...appointment, reason: "The therapist is ill." })],
  ["booking rescheduled", bookingRescheduledMail({ ...appointment, previousStart: new Date("2026-12-07T09:00:00Z") })],
  ["clearance approved", clearanceApprovedMail({ ...appointment, restrictions: [] })],
  ["clearance needs a change", clearanceNeedsChangeMail({ ...appointment, holdUntil, mismatch: ["duration"] })],
  ["clearance declined", clearanceDeclinedMail(appointment)],
  ["hold ended", holdEndedMail({ ...appointment, why: "no-clearance" })],
  [
    "document uploaded (to the physician)",
    clearanceDocumentUploadedMail({
      clearanceId: "c1",
      physicianName: "Dr. Vos",
      physicianEmail: "footer@example.test",
      holdUntil,
      timeZone: "Europe/Amsterdam",
      clinicName: clinic.clinicName,
      appUrl: "https://clinic.example.org",
    }),
  ],
  [
    "waitlist offer",
    waitlistOfferMail({
      offerId: "o1",
      patientName: "Maria Jansen",
      patientEmail: "footer@example.test",
      therapistName: "Ana Novak",
      massageTypeName: "Swedish massage",
      start,
      end: appointment.end,
      expiresAt: holdUntil,
      timeZone: "Europe/Amsterdam",
      clinicName: clinic.clinicName,
      appUrl: "https://clinic.example.org",
    }),
  ],
  [
    "staff invitation",
    invitationMail({
      name: "New Therapist",
      email: "footer@example.test",
      role: "THERAPIST",
      link: "https://clinic.example.org/password/set?token=x",
      expiresAt: holdUntil,
      clinicName: clinic.clinicName,
      timeZone: "Europe/Amsterdam",
    }),
  ],
];

beforeAll(async () => {
  await t.db.clinicSettings.upsert({ where: { id: 1 }, create: { id: 1, ...clinic }, update: clinic });
});

describe.each(templates)("the %s mail, as queued", (_name, mail) => {
  test("ends with the clinic's name, address, phone (a tel: link) and email", async () => {
    const subject = `${mail.subject} ${Math.random()}`;
    await enqueueMail(t.db, { ...mail, subject });
    const row = await t.db.outboxMessage.findFirstOrThrow({ where: { subject } });
    expect(row.text).toMatch(/-- \nBack-care Massage Clinic\nPrinsengracht 263, 1016 GV Amsterdam\nPhone: \+31 20 555 0142\nEmail: desk@clinic\.test\n$/);
    expect(row.html).toContain('Phone: <a href="tel:+31205550142">+31 20 555 0142</a>');
    expect(row.html).toContain('<a href="mailto:desk@clinic.test">desk@clinic.test</a>');
    // Inside the body, not after the document.
    expect(row.html!.indexOf("tel:+31205550142")).toBeLessThan(row.html!.indexOf("</body>"));
  });

  test("has no doubled punctuation", () => {
    expect(`${mail.subject}\n${mail.text}`).not.toMatch(/[.;,:]\s*[.;,]|\.\./);
  });
});

test("the clinic's current settings are what a mail carries, and details left empty are left out", async () => {
  await t.db.clinicSettings.update({ where: { id: 1 }, data: { phone: "+31 20 555 0199", address: "" } });
  await enqueueMail(t.db, { to: "footer-2@example.test", subject: "After a change", text: "Body" });
  const row = await t.db.outboxMessage.findFirstOrThrow({ where: { to: "footer-2@example.test" } });
  expect(row.text).toBe("Body\n\n-- \nBack-care Massage Clinic\nPhone: +31 20 555 0199\nEmail: desk@clinic.test\n");
  await t.db.clinicSettings.update({ where: { id: 1 }, data: clinic });
});

test("the batch insert of the lifecycle's fast path cannot be called without the clinic's details", () => {
  // @ts-expect-error the clinic's details are required
  expect(() => outboxInsertSql([{ to: "x@example.test", subject: "s", text: "t" }])).toThrow();
  const sql = outboxInsertSql([{ to: "x@example.test", subject: "s", text: "t" }], clinic);
  expect(sql.values).toContain("t\n\n-- \nBack-care Massage Clinic\nPrinsengracht 263, 1016 GV Amsterdam\nPhone: +31 20 555 0142\nEmail: desk@clinic.test\n");
  expect(withClinicFooter({ to: "x", subject: "s", text: "t", html: "<p>t</p>" }, clinic).html).toContain("tel:+31205550142");
});

test("nothing but lib/mail/outbox.ts writes outbox rows, so no mail can skip the clinic's details", () => {
  const root = path.resolve(__dirname, "../..");
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "--", "app", "lib", "components", "scripts"], {
    cwd: root,
    encoding: "utf8",
  })
    .split("\n")
    .filter((file) => /\.(ts|tsx|js|mjs)$/.test(file) && !/\.test\.tsx?$|^lib\/generated\/|^lib\/mail\/outbox\.ts$/.test(file))
    .filter((file) => fs.existsSync(path.join(root, file)));
  const writers = files.filter((file) =>
    /outboxMessage\s*\.\s*(create|createMany|createManyAndReturn|upsert)\s*\(|INSERT\s+INTO\s+"OutboxMessage"/i.test(fs.readFileSync(path.join(root, file), "utf8")),
  );
  expect(writers).toEqual([]);
});
