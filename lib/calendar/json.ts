// The admin API's shapes of closures and time off (lib/api-docs/admin-responses.ts describes them).
import type { ClosureView } from "./closures";
import type { TimeOffView } from "./time-off";

export const closureJson = (closure: ClosureView) => ({ id: closure.id, date: closure.date, reason: closure.reason });

export const timeOffJson = (timeOff: TimeOffView) => ({
  id: timeOff.id,
  therapistId: timeOff.therapistId,
  start: timeOff.startsAt.toISOString(),
  end: timeOff.endsAt.toISOString(),
  reason: timeOff.reason,
  status: timeOff.status.toLowerCase() as "requested" | "approved" | "declined",
});
