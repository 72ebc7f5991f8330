// How the mailbox pages name a message's state: from the outbox row itself.
// Queued until a transport accepted it; Sent only when it left the machine; a
// message the local mailbox "delivered" (no SMTP_URL) never did, and says so.
import type { OutboxStatus } from "@/lib/generated/prisma/enums";
import { LOCAL_MAILBOX_NOTE } from "@/lib/mail/transports";

export type MailboxState = "QUEUED" | "SENT" | "KEPT" | "FAILED";

export const MAILBOX_STATES: readonly MailboxState[] = ["QUEUED", "SENT", "KEPT", "FAILED"];

export const MAILBOX_STATE_LABEL: Record<MailboxState, string> = {
  QUEUED: "Queued",
  SENT: "Sent",
  KEPT: "Not sent (local mailbox)",
  FAILED: "Failed",
};

export const MAILBOX_STATE_TONE: Record<MailboxState, string> = {
  QUEUED: "text-clay-700",
  SENT: "text-muted",
  KEPT: "text-clay-700",
  FAILED: "font-semibold text-danger-700",
};

/** The state a person reads: PENDING and SENDING are queued; SENT by the local mailbox transport was kept, not sent. */
export function mailboxState(message: { status: OutboxStatus; lastError: string | null }): MailboxState {
  switch (message.status) {
    case "PENDING":
    case "SENDING":
      return "QUEUED";
    case "FAILED":
      return "FAILED";
    case "SENT":
      return message.lastError === LOCAL_MAILBOX_NOTE ? "KEPT" : "SENT";
  }
}
