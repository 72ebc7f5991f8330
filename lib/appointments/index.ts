// The appointment lifecycle: the one module that writes appointments
// (docs/decisions/0009). Pages, route handlers, jobs and the clearance
// workflow call these operations; each is one transaction that takes its locks
// (lib/appointments/locks.ts), checks the allowed transition, evaluates
// clinical coverage (coverage.ts), writes the audit entry and queues its mail.
export { bookAppointment, type BookRequest, type BookingResult } from "./book";
export { changeAppointment, type ChangeAppointmentRequest } from "./change";
export { cancelAfterHealthCheck, cancelAppointment, cancelInTransaction, HEALTH_CHECK_CANCEL_REASON } from "./cancel";
export { finishAppointment } from "./finish";
export { resolveCondition, listRecord } from "./record";
export { reviewUpcoming } from "./review";
export { SlotTakenError } from "./errors";
