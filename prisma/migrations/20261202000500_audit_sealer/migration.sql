-- Hand-written: audit entries are written freely and sealed into the hash
-- chain afterwards, by one sealer at a time (docs/decisions/0013).
--
-- Before: a BEFORE INSERT trigger chained every entry as it was written, under
-- pg_advisory_xact_lock(727, 2) held until the writer's COMMIT, so every
-- audited write in the clinic queued behind the previous one.
--
-- Now:
--   - An entry is inserted unsealed ("seq", "prevHash", "hash" NULL). Its "id"
--     comes from the table's sequence: the order entries were written in,
--     taken without any lock.
--   - audit_seal(batch) chains unsealed entries: it takes the sealer's lock
--     with pg_try_advisory_xact_lock(727, 3) (only sealers ever take it; a
--     second sealer returns NULL at once instead of waiting), reads the head,
--     and for the next `batch` unsealed entries in "id" order (FOR UPDATE SKIP
--     LOCKED) sets "seq" = head + 1, "prevHash" = the head's hash and "hash"
--     exactly as the old trigger did (the canonical text and audit_entry_hash
--     are unchanged, so entries chained before this migration verify as they
--     are), then moves the head. "seq" is therefore the order of sealing: an
--     entry whose transaction committed late gets a later place in the chain
--     than its "id" suggests, and never a gap.
--   - UPDATE of an entry stays refused, except the one the sealer makes:
--     inside audit_seal (a transaction-local setting it turns on and off), an
--     unsealed entry may receive its three seal columns and nothing else.
--     DELETE and TRUNCATE stay refused. The chain head moves only inside
--     audit_seal.
--   - An INSERT that brings its own seal is refused: only the sealer seals.

DROP TRIGGER "AuditEntry_zz_chain" ON "AuditEntry";
DROP FUNCTION audit_entry_chain();
ALTER TABLE "AuditEntry" ALTER COLUMN "seq" DROP NOT NULL;

-- The sealer's (and verify's) way to the unsealed entries, in write order.
CREATE INDEX "AuditEntry_unsealed_idx" ON "AuditEntry"("id") WHERE "seq" IS NULL;

CREATE FUNCTION audit_entry_arrives_unsealed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."seq" IS NOT NULL OR NEW."prevHash" IS NOT NULL OR NEW."hash" IS NOT NULL THEN
    RAISE EXCEPTION 'A new audit entry cannot bring its own seal: the sealer chains it'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "AuditEntry_zz_unsealed"
  BEFORE INSERT ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION audit_entry_arrives_unsealed();

CREATE FUNCTION audit_entry_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND current_setting('clinic.audit_sealing', true) = 'on'
     AND OLD."seq" IS NULL AND OLD."prevHash" IS NULL AND OLD."hash" IS NULL
     AND NEW."seq" IS NOT NULL AND NEW."hash" IS NOT NULL
     AND (to_jsonb(NEW) - 'seq' - 'prevHash' - 'hash') = (to_jsonb(OLD) - 'seq' - 'prevHash' - 'hash') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'The audit log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- Same name as before, so whoever disables "AuditEntry_append_only" (the table's owner) still switches the guard off.
DROP TRIGGER "AuditEntry_append_only" ON "AuditEntry";
CREATE TRIGGER "AuditEntry_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION audit_entry_guard();

CREATE FUNCTION audit_chain_head_sealer_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('clinic.audit_sealing', true) = 'on' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'The audit chain head moves only when the sealer seals: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

DROP TRIGGER "AuditChainHead_guard" ON "AuditChainHead";
CREATE TRIGGER "AuditChainHead_guard"
  BEFORE INSERT OR UPDATE OR DELETE ON "AuditChainHead"
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_sealer_guard();

-- Seals up to batch_size entries; returns how many, or NULL when another sealer holds the sealer's lock.
CREATE FUNCTION audit_seal(batch_size integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  entry "AuditEntry";
  sealed integer := 0;
BEGIN
  IF NOT pg_try_advisory_xact_lock(727, 3) THEN
    RETURN NULL;
  END IF;
  SELECT "seq", "hash" INTO head_seq, head_hash FROM "AuditChainHead" WHERE "id" = 1 FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'The audit chain has no head row' USING ERRCODE = 'data_corrupted';
  END IF;
  PERFORM set_config('clinic.audit_sealing', 'on', true);
  FOR entry IN
    SELECT * FROM "AuditEntry" WHERE "seq" IS NULL ORDER BY "id" LIMIT batch_size FOR UPDATE SKIP LOCKED
  LOOP
    entry."seq" := head_seq + 1;
    entry."prevHash" := head_hash;
    entry."hash" := audit_entry_hash(entry);
    UPDATE "AuditEntry" SET "seq" = entry."seq", "prevHash" = entry."prevHash", "hash" = entry."hash" WHERE "id" = entry."id";
    head_seq := entry."seq";
    head_hash := entry."hash";
    sealed := sealed + 1;
  END LOOP;
  IF sealed > 0 THEN
    UPDATE "AuditChainHead" SET "seq" = head_seq, "hash" = head_hash WHERE "id" = 1;
  END IF;
  PERFORM set_config('clinic.audit_sealing', 'off', true);
  RETURN sealed;
END;
$$;
