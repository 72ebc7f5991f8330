import { expect, test } from "vitest";
import { useTestDatabase } from "@/test/db";
import { enqueueMail, parseAttachments } from "./outbox";

const t = useTestDatabase();

test("enqueueMail writes one pending message with its attachments", async () => {
  const to = "outbox-1@example.test";
  await enqueueMail(t.db, {
    to,
    subject: "Hello",
    text: "Plain",
    html: "<p>Plain</p>",
    attachments: [{ filename: "appointment.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", content: "BEGIN:VCALENDAR\r\n" }],
  });
  const rows = await t.db.outboxMessage.findMany({ where: { to } });
  expect(rows).toHaveLength(1);
  // Closed with the clinic's details (lib/mail/footer.test.ts): the default settings have only its name.
  expect(rows[0]).toMatchObject({ subject: "Hello", text: "Plain\n\n-- \nBack-care Massage Clinic\n", status: "PENDING", attempts: 0, sentAt: null });
  expect(rows[0]?.html).toMatch(/^<p>Plain<\/p><hr>/);
  expect(parseAttachments(rows[0]?.attachments)).toEqual([
    { filename: "appointment.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", content: "BEGIN:VCALENDAR\r\n" },
  ]);
});

test("a mail queued in a transaction that rolls back is never queued", async () => {
  const to = "outbox-2@example.test";
  await expect(
    t.db.$transaction(async (tx) => {
      await enqueueMail(tx, { to, subject: "Booked", text: "…" });
      throw new Error("the booking failed");
    }),
  ).rejects.toThrow("the booking failed");
  expect(await t.db.outboxMessage.count({ where: { to } })).toBe(0);

  await t.db.$transaction((tx) => enqueueMail(tx, { to, subject: "Booked", text: "…" }));
  const row = await t.db.outboxMessage.findFirstOrThrow({ where: { to } });
  expect(row.html).toBeNull();
  expect(row.attachments).toBeNull();
});
