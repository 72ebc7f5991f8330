// `npm run admin:create -- --email … --name …`: the first admin of a production database (which the demo
// seed never touches) and the way back in for an admin who lost their link. Run by whoever can reach the
// database, so it is audited with no actor. Decisions (ADR 0017):
// - a new email becomes an ADMIN account with no usable password, and a one-time set-password link is printed;
// - an existing ADMIN gets a new link (earlier links stop working) and keeps its name;
// - any other existing account is refused: a patient or therapist is never promoted by a command line.
// The clinic's catalogue rows (the three massage types) and settings row are made if missing, so an empty
// database can be set up through the admin pages alone.
import { parseArgs } from "node:util";
import { z } from "zod";
import { writeAudit } from "@/lib/audit";
import type { Db } from "@/lib/db/prisma";
import { ConflictError } from "@/lib/errors";
import { ensureClinicSettings, ensureMassageTypes } from "@/lib/seed/factories";
import { staffEmailSchema, staffNameSchema } from "@/lib/validation/staff";
import { createStaffUser, sendInvitation, withEmailConflict, type Invitation } from "./invite";

export const adminCreateSchema = z.object({ email: staffEmailSchema, name: staffNameSchema });
export type AdminCreateInput = z.infer<typeof adminCreateSchema>;

export const ADMIN_CREATE_USAGE = 'Usage: npm run admin:create -- --email admin@clinic.example --name "Front Desk"';

/** The command line's arguments, or the line to print when they are wrong. */
export function parseAdminCreateArgs(argv: string[]): { ok: true; input: AdminCreateInput } | { ok: false; message: string } {
  let values: { email?: string; name?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { email: { type: "string" }, name: { type: "string" } }, strict: true, allowPositionals: false }));
  } catch (error) {
    return { ok: false, message: `${(error as Error).message}\n${ADMIN_CREATE_USAGE}` };
  }
  const parsed = adminCreateSchema.safeParse({ email: values.email ?? "", name: values.name ?? "" });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`);
    return { ok: false, message: `${[...new Set(problems)].join("\n")}\n${ADMIN_CREATE_USAGE}` };
  }
  return { ok: true, input: parsed.data };
}

export interface AdminCreated extends Invitation {
  userId: string;
  /** False when the email was an admin already and only a new link was issued. */
  created: boolean;
}

export async function createAdminAccount(db: Db, input: AdminCreateInput, options: { appUrl: string; now?: Date }): Promise<AdminCreated> {
  await ensureMassageTypes(db);
  await ensureClinicSettings(db);
  return withEmailConflict(() =>
    db.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, name: true, email: true, role: true } });
      if (existing && existing.role !== "ADMIN") {
        throw new ConflictError("email_in_use", `${input.email} belongs to an account that is not clinic staff (${existing.role.toLowerCase()}); choose another email.`);
      }
      const user = existing ?? (await createStaffUser(tx, { name: input.name, email: input.email, role: "ADMIN" }));
      const invitation = await sendInvitation(tx, user, options);
      await writeAudit(tx, {
        actor: null,
        action: existing ? "admin.link_issued" : "admin.created",
        entityType: "User",
        entityId: user.id,
        toState: "ADMIN",
        details: { email: user.email, via: "npm run admin:create", invitationExpiresAt: invitation.expiresAt.toISOString() },
      });
      return { ...invitation, userId: user.id, created: !existing };
    }),
  );
}
