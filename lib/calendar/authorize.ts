// Who may change the clinic's calendar and settings. Pages and route handlers check the session first
// (lib/auth/guards.ts); the domain functions check the actor again, so no caller can forget.
import type { AuditActor } from "@/lib/audit";
import { ForbiddenError } from "@/lib/errors";

export function assertAdmin(actor: AuditActor): void {
  if (actor.role !== "ADMIN") throw new ForbiddenError("Only clinic staff can do that.");
}
