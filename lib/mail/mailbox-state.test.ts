// The mailbox pages' names for a message's state (app/admin/mailbox/status.ts), here where vitest looks.
import { expect, test } from "vitest";
import { LOCAL_MAILBOX_NOTE } from "@/lib/mail/transports";
import { MAILBOX_STATE_LABEL, mailboxState } from "@/app/admin/mailbox/status";

const label = (status: "PENDING" | "SENDING" | "SENT" | "FAILED", lastError: string | null = null) =>
  MAILBOX_STATE_LABEL[mailboxState({ status, lastError })];

test("a mail is Queued until a transport takes it, Sent only when it left, Failed when given up", () => {
  expect(label("PENDING")).toBe("Queued");
  expect(label("PENDING", "SMTP smtp://mail:587: connect ECONNREFUSED")).toBe("Queued");
  expect(label("SENDING")).toBe("Queued");
  expect(label("SENT")).toBe("Sent");
  expect(label("FAILED", "SMTP smtp://mail:587: 550 No such mailbox")).toBe("Failed");
});

test("a mail the local mailbox kept (no SMTP_URL) is not called sent", () => {
  expect(label("SENT", LOCAL_MAILBOX_NOTE)).toBe("Not sent (local mailbox)");
});
