// What every staff change is given by its caller (a server action or a route handler): who does it, where
// mail links point, the caller's address for the audit log, and the clock.
import type { AuditActor } from "@/lib/audit";

export interface StaffChangeContext {
  actor: AuditActor;
  appUrl: string;
  ipAddress?: string;
  now?: Date;
}
