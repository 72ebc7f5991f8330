// How the mailbox pages name a message's state.
import type { OutboxStatus } from "@/lib/generated/prisma/enums";

export const OUTBOX_STATUS_LABEL: Record<OutboxStatus, string> = {
  PENDING: "Waiting to send",
  SENDING: "Sending",
  SENT: "Sent",
  FAILED: "Failed",
};

export const OUTBOX_STATUS_TONE: Record<OutboxStatus, string> = {
  PENDING: "text-clay-700",
  SENDING: "text-sage-800",
  SENT: "text-muted",
  FAILED: "font-semibold text-danger-700",
};
