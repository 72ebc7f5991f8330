-- Hand-written: what Prisma's schema language cannot express.

-- 1. No therapist has two active (held or confirmed) appointments that overlap.
--    The range is derived by the database itself, so no code path can forget it.
CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE "Appointment" DROP COLUMN "during";
ALTER TABLE "Appointment"
  ADD COLUMN "during" tstzrange
  GENERATED ALWAYS AS (tstzrange("startsAt", "endsAt", '[)')) STORED;

ALTER TABLE "Appointment"
  ADD CONSTRAINT "Appointment_ends_after_start" CHECK ("endsAt" > "startsAt");

ALTER TABLE "Appointment"
  ADD CONSTRAINT "Appointment_no_overlap_per_therapist"
  EXCLUDE USING gist ("therapistId" WITH =, "during" WITH &&)
  WHERE ("status" IN ('HELD', 'CONFIRMED'));

-- 2. Working hours are sane wall-clock minutes on an ISO weekday.
ALTER TABLE "WorkingHours"
  ADD CONSTRAINT "WorkingHours_valid"
  CHECK ("weekday" BETWEEN 1 AND 7 AND "startMinute" >= 0 AND "endMinute" <= 1440 AND "endMinute" > "startMinute");

ALTER TABLE "TimeOff"
  ADD CONSTRAINT "TimeOff_ends_after_start" CHECK ("endsAt" > "startsAt");

ALTER TABLE "Intake"
  ADD CONSTRAINT "Intake_pain_level" CHECK ("painLevel" BETWEEN 0 AND 10);

ALTER TABLE "SessionNote"
  ADD CONSTRAINT "SessionNote_pain_scores" CHECK ("painBefore" BETWEEN 0 AND 10 AND "painAfter" BETWEEN 0 AND 10);

-- 3. Exactly one settings row.
ALTER TABLE "ClinicSettings" ADD CONSTRAINT "ClinicSettings_single_row" CHECK ("id" = 1);

-- 4. The audit log is insert-only: the clinic must be able to trust it.
CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'The audit log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEntry_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();

CREATE TRIGGER "AuditEntry_no_truncate"
  BEFORE TRUNCATE ON "AuditEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_append_only();
