// The clinic's settings changed by its staff (PATCH /api/v1/admin/settings and /admin/settings): any subset,
// validated (lib/validation/settings.ts), written to the one row, the change audited with each field's
// old and new value. The slot rule, holds, notes and the jobs read the row on their next run.
import type { AuditActor } from "@/lib/audit";
import { writeAudit } from "@/lib/audit";
import { assertAdmin } from "@/lib/calendar/authorize";
import type { Db } from "@/lib/db/prisma";
import type { ClinicSettings } from "@/lib/generated/prisma/client";
import { parseOrThrow } from "@/lib/http/respond";
import { getClinicSettings } from "@/lib/settings";
import { settingsPatchSchema, type SettingsPatch } from "@/lib/validation/settings";

export async function updateClinicSettings(
  db: Db,
  actor: AuditActor,
  input: unknown,
  context: { ipAddress?: string } = {},
): Promise<ClinicSettings> {
  assertAdmin(actor);
  const patch: SettingsPatch = parseOrThrow(settingsPatchSchema, input);
  return db.$transaction(async (tx) => {
    // One writer at a time: the row lock (or, before the first save, the insert) orders concurrent edits.
    await tx.$executeRaw`INSERT INTO "ClinicSettings" ("id") VALUES (1) ON CONFLICT ("id") DO NOTHING`;
    await tx.$queryRaw`SELECT "id" FROM "ClinicSettings" WHERE "id" = 1 FOR UPDATE`;
    const before = await getClinicSettings(tx);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(patch) as Array<[keyof SettingsPatch, unknown]>) {
      if (value !== undefined && before[key] !== value) changed[key] = { from: before[key], to: value };
    }
    if (Object.keys(changed).length === 0) return before;
    const after = await tx.clinicSettings.update({ where: { id: 1 }, data: patch });
    await writeAudit(tx, {
      actor,
      action: "settings.updated",
      entityType: "ClinicSettings",
      entityId: "1",
      details: changed as never,
      ipAddress: context.ipAddress,
    });
    return after;
  });
}

/** The API's shape of the settings: every field but the row id. */
export function settingsJson(settings: ClinicSettings) {
  const { id: _id, ...rest } = settings;
  return rest;
}
