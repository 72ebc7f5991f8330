// Explicit consent to process health data (GDPR Art. 9(2)(a)), recorded with the notice's version and time.
// A booking (and a waitlist claim, which books) needs it: requireHealthDataConsent is called by bookAppointment,
// the one entry every booking goes through.
import { writeAudit, type AuditActor } from "@/lib/audit";
import type { DbClient } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { CONSENT_REQUIRED_MESSAGE } from "@/lib/validation/consent";
import { healthDataConsentRow, PRIVACY_NOTICE_VERSION } from "./notice";

/** 422 consent_required: the patient has not agreed to the processing of their health data. */
export class ConsentRequiredError extends AppError {
  readonly status = 422;
  readonly code = "consent_required";
  constructor() {
    super(CONSENT_REQUIRED_MESSAGE);
    this.fields = { healthDataConsent: CONSENT_REQUIRED_MESSAGE };
  }
}

export async function hasHealthDataConsent(db: DbClient, userId: string): Promise<boolean> {
  const found = await db.consent.findFirst({ where: { userId, scope: "HEALTH_DATA" }, select: { id: true } });
  return found !== null;
}

export async function requireHealthDataConsent(db: DbClient, userId: string): Promise<void> {
  if (!(await hasHealthDataConsent(db, userId))) throw new ConsentRequiredError();
}

/** Records the consent to the current notice (call inside the transaction of its cause), audited. */
export async function recordHealthDataConsent(db: DbClient, actor: AuditActor, options: { ipAddress?: string; now?: Date } = {}): Promise<void> {
  const consent = await db.consent.create({
    data: healthDataConsentRow(actor.id, options.now),
    select: { id: true },
  });
  await writeAudit(db, {
    actor,
    action: "consent.given",
    entityType: "Consent",
    entityId: consent.id,
    toState: "HEALTH_DATA",
    details: { noticeVersion: PRIVACY_NOTICE_VERSION },
    ipAddress: options.ipAddress,
  });
}
