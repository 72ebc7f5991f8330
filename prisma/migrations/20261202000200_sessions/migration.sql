-- Revocable sessions (docs/decisions/0011). A session cookie carries the
-- user's sessionVersion from sign-in; the guard refuses a cookie whose version
-- is no longer the user's. Sign-out bumps it (lib/auth/sessions.ts); so does
-- any change of password, role or deactivation, here, whoever writes the row.
ALTER TABLE "User"
  ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "deactivatedAt" TIMESTAMPTZ(3);

CREATE FUNCTION "User_end_sessions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."passwordHash" IS DISTINCT FROM OLD."passwordHash"
     OR NEW."role" IS DISTINCT FROM OLD."role"
     OR NEW."deactivatedAt" IS DISTINCT FROM OLD."deactivatedAt" THEN
    NEW."sessionVersion" := GREATEST(NEW."sessionVersion", OLD."sessionVersion" + 1);
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "User_end_sessions" BEFORE UPDATE ON "User"
  FOR EACH ROW EXECUTE FUNCTION "User_end_sessions"();
