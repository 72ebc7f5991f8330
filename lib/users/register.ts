import { writeAudit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/prisma";
import { isUniqueViolation } from "@/lib/db/errors";
import { countRegistration } from "@/lib/auth/throttle";
import { getEnv } from "@/lib/env";
import { ConflictError, RateLimitedError } from "@/lib/errors";
import { recordHealthDataConsent } from "@/lib/privacy/consent";
import type { RegisterInput } from "@/lib/validation/auth";

export const EMAIL_IN_USE_MESSAGE = "An account with this email already exists. Sign in instead, or use another email.";

/**
 * Creates a patient account. Only patients sign themselves up; staff are added by the clinic.
 * Each address may register `limitPerHour` accounts an hour (REGISTRATIONS_PER_HOUR); past it 429 with Retry-After,
 * counted before the password is hashed, so a burst costs no argon2 runs. A ticked consent is recorded with the account.
 */
export async function registerPatient(
  db: Db,
  input: RegisterInput,
  ipAddress: string,
  limitPerHour: number = getEnv().REGISTRATIONS_PER_HOUR,
): Promise<{ id: string }> {
  const retryAfterSeconds = await countRegistration(db, ipAddress, limitPerHour);
  if (retryAfterSeconds > 0) throw new RateLimitedError(retryAfterSeconds);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name: input.name, email: input.email, passwordHash, role: "PATIENT" },
        select: { id: true },
      });
      await writeAudit(tx, {
        actor: { id: user.id, role: "PATIENT" },
        action: "user.registered",
        entityType: "User",
        entityId: user.id,
        toState: "PATIENT",
        ipAddress,
      });
      if (input.healthDataConsent) await recordHealthDataConsent(tx, { id: user.id, role: "PATIENT" }, { ipAddress });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const conflict = new ConflictError("email_in_use", EMAIL_IN_USE_MESSAGE);
      conflict.fields = { email: EMAIL_IN_USE_MESSAGE };
      throw conflict;
    }
    throw error;
  }
}
