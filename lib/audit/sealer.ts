// The audit sealer: chains entries written since the last run into the hash
// chain (audit_seal() in prisma/migrations/20261202000500_audit_sealer), in
// batches, one sealer at a time. Writers never wait for it: an entry is
// written unsealed and sealed here, by the background jobs (lib/jobs/run.ts),
// a few seconds to a job interval later. docs/decisions/0013.
import type { DbClient } from "@/lib/db/prisma";
import type { RawSql } from "@/lib/db/raw";

export interface SealOptions {
  /** Entries per transaction (default 500). */
  batchSize?: number;
  /** Stop after this many batches, so one run cannot go on forever behind a writer flood (default 100). */
  maxBatches?: number;
}

export interface SealOutcome {
  sealed: number;
  /** 1 when another sealer was at work, so this one left the entries to it. */
  busy: number;
}

type Source = RawSql | DbClient;

async function sealBatch(source: Source, batchSize: number): Promise<number | null> {
  const sql = `SELECT audit_seal($1::int) AS "sealed"`;
  const rows =
    "$queryRawUnsafe" in source
      ? await source.$queryRawUnsafe<Array<{ sealed: number | null }>>(sql, batchSize)
      : await source.query<{ sealed: number | null }>(sql, [batchSize]);
  const sealed = rows[0]?.sealed;
  return sealed === null || sealed === undefined ? null : Number(sealed);
}

/** Seals every entry committed before the run (each batch is its own transaction). */
export async function sealAuditLog(source: Source, options: SealOptions = {}): Promise<SealOutcome> {
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 100;
  let sealed = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const count = await sealBatch(source, batchSize);
    if (count === null) return { sealed, busy: 1 };
    sealed += count;
    if (count < batchSize) break;
  }
  return { sealed, busy: 0 };
}
