-- Hand-written: a hash chain over the audit log, built by the database itself.
--
-- Every new "AuditEntry" gets, in a BEFORE INSERT trigger:
--   "seq"      its place in the chain: 1, 2, 3, ... with no gaps;
--   "prevHash" the "hash" of the entry at seq - 1 (NULL for the first);
--   "hash"     sha256 (hex) of the entry's canonical text, which includes "prevHash".
-- Changing or removing any entry afterwards (which needs the append-only
-- triggers disabled, i.e. the table owner or a superuser) breaks the chain at
-- that point; lib/audit/verify.ts walks the chain and finds the first break.
--
-- Why "seq" and not "id": "id" comes from a sequence when the INSERT starts,
-- before the trigger runs, and commits are not ordered by it. Two transactions
-- can take ids 10 and 11, and 11 can be chained (and commit) first. The chain
-- order is instead assigned inside the trigger while holding the chain lock,
-- so it is exactly the order in which entries were chained, and the verifier
-- walks by "seq".
--
-- Concurrency: appends are serialised by pg_advisory_xact_lock(727, 2) (the
-- two-integer key space, apart from the one-bigint keys the booking code uses
-- for therapists). The lock is held until the inserting transaction ends, so the
-- next appender, taking a fresh statement snapshot after it got the lock (READ
-- COMMITTED), always sees the previous entry, or sees it rolled back with the
-- rest of its transaction; chain positions of a rolled-back transaction are
-- reused, so "seq" stays gapless. Keep audit writes late in a transaction: the
-- lock is held from the first audit insert until COMMIT.
--
-- The chain's head (last seq and hash) is one row in "AuditChainHead", read
-- with FOR UPDATE and updated in the same trigger. Reading it rather than
-- max(seq) of the table costs one primary-key lookup, and it makes a stale
-- snapshot fail loudly: a REPEATABLE READ / SERIALIZABLE transaction whose
-- snapshot predates the last append gets a serialization failure (40001,
-- retryable) instead of silently forking the chain. The head also lets the
-- verifier notice that the newest entries were removed.
--
-- Canonical text (version 1), identical in lib/audit/verify.ts: the line
-- 'audit-v1', then one line per field in this order, each field NULL -> '-',
-- otherwise '<length in UTF-8 bytes>:<text>' (length-prefixed, so no value
-- can be confused with a separator or with another split of the fields):
--   seq, id, prevHash, at (UTC, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actorId,
--   actorRole, action, entityType, entityId, fromState, toState,
--   details::text (jsonb's own normalised text), ipAddress
-- hash = encode(sha256(convert_to(canonical, 'UTF8')), 'hex').
--
-- The chain trigger is named to run after any other BEFORE INSERT trigger
-- (PostgreSQL fires them in name order), so it hashes the row as stored.

ALTER TABLE "AuditEntry" ADD COLUMN "seq" BIGINT;

CREATE FUNCTION audit_chain_field(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN value IS NULL THEN '-'
              ELSE octet_length(convert_to(value, 'UTF8'))::text || ':' || value END
$$;

CREATE FUNCTION audit_entry_canonical(entry "AuditEntry") RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT 'audit-v1'
    || E'\n' || audit_chain_field(entry."seq"::text)
    || E'\n' || audit_chain_field(entry."id"::text)
    || E'\n' || audit_chain_field(entry."prevHash")
    || E'\n' || audit_chain_field(to_char(entry."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
    || E'\n' || audit_chain_field(entry."actorId"::text)
    || E'\n' || audit_chain_field(entry."actorRole"::text)
    || E'\n' || audit_chain_field(entry."action")
    || E'\n' || audit_chain_field(entry."entityType")
    || E'\n' || audit_chain_field(entry."entityId")
    || E'\n' || audit_chain_field(entry."fromState")
    || E'\n' || audit_chain_field(entry."toState")
    || E'\n' || audit_chain_field(entry."details"::text)
    || E'\n' || audit_chain_field(entry."ipAddress")
$$;

CREATE FUNCTION audit_entry_hash(entry "AuditEntry") RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT encode(sha256(convert_to(audit_entry_canonical(entry), 'UTF8')), 'hex')
$$;

CREATE TABLE "AuditChainHead" (
  "id"   INTEGER PRIMARY KEY CHECK ("id" = 1),
  "seq"  BIGINT NOT NULL CHECK ("seq" >= 0),
  "hash" TEXT
);

-- Chain the entries written before this migration, in id order (nothing else
-- can write meanwhile: ADD COLUMN holds the table's ACCESS EXCLUSIVE lock until
-- this migration commits). Filling the new columns is an UPDATE, which the
-- append-only trigger refuses, so it is off for this transaction only.
ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_append_only";

DO $$
DECLARE
  entry "AuditEntry";
  last_seq bigint := 0;
  last_hash text := NULL;
BEGIN
  FOR entry IN SELECT * FROM "AuditEntry" ORDER BY "id" LOOP
    last_seq := last_seq + 1;
    entry."seq" := last_seq;
    entry."prevHash" := last_hash;
    last_hash := audit_entry_hash(entry);
    UPDATE "AuditEntry" SET "seq" = last_seq, "prevHash" = entry."prevHash", "hash" = last_hash WHERE "id" = entry."id";
  END LOOP;
  INSERT INTO "AuditChainHead" ("id", "seq", "hash") VALUES (1, last_seq, last_hash);
END;
$$;

ALTER TABLE "AuditEntry" ENABLE TRIGGER "AuditEntry_append_only";

ALTER TABLE "AuditEntry" ALTER COLUMN "seq" SET NOT NULL;
CREATE UNIQUE INDEX "AuditEntry_seq_key" ON "AuditEntry"("seq");

CREATE FUNCTION audit_entry_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(727, 2);
  SELECT "seq", "hash" INTO head_seq, head_hash FROM "AuditChainHead" WHERE "id" = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'The audit chain has no head row' USING ERRCODE = 'data_corrupted';
  END IF;
  NEW."seq" := head_seq + 1;
  NEW."prevHash" := head_hash;
  NEW."hash" := audit_entry_hash(NEW);
  UPDATE "AuditChainHead" SET "seq" = NEW."seq", "hash" = NEW."hash" WHERE "id" = 1;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "AuditEntry_zz_chain"
  BEFORE INSERT ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION audit_entry_chain();

-- The head moves only from inside the chain trigger (trigger depth 2); a direct
-- INSERT, UPDATE, DELETE or TRUNCATE is refused like a change to the log.
CREATE FUNCTION audit_chain_head_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND pg_trigger_depth() > 1 THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'The audit chain head moves only with a new audit entry: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditChainHead_guard"
  BEFORE INSERT OR UPDATE OR DELETE ON "AuditChainHead"
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();

CREATE TRIGGER "AuditChainHead_no_truncate"
  BEFORE TRUNCATE ON "AuditChainHead"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_guard();
