// Builders for the staff tests: an admin actor, unique emails, and the token carried by an invitation mail.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/prisma";

export const APP_URL = "http://clinic.test";
/** Tuesday 1 December 2026, 09:00 in Amsterdam. */
export const NOW = new Date("2026-12-01T08:00:00Z");

export const uniqueEmail = (who: string) => `${who}-${randomUUID().slice(0, 8)}@example.test`;

export async function adminActor(db: Db) {
  const user = await db.user.create({ data: { email: uniqueEmail("admin"), name: "Front Desk", role: "ADMIN", passwordHash: "not-used" } });
  return { id: user.id, role: user.role };
}

/** The newest mail to this address, and the token of the set-password link inside it. */
export async function invitationFor(db: Db, email: string) {
  const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  const link = /https?:\/\/\S+\/password\/set\?token=[\w%-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no set-password link in the mail to ${email}`);
  return { mail, link, token: new URL(link).searchParams.get("token")! };
}
