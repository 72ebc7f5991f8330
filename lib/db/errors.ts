// Recognises database failures by SQLSTATE or Prisma code, whichever adapter raised them.
const PRISMA_UNIQUE = "P2002";

function codes(error: unknown): string[] {
  const found: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const record = current as { code?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    if (typeof record.code === "string") found.push(record.code);
    const adapterError = record.meta?.driverAdapterError as { cause?: { originalCode?: string; kind?: string } } | undefined;
    if (adapterError?.cause?.originalCode) found.push(adapterError.cause.originalCode);
    current = record.cause ?? adapterError?.cause;
    const original = (current as { originalCode?: unknown } | undefined)?.originalCode;
    if (typeof original === "string") found.push(original);
  }
  return found;
}

export function isUniqueViolation(error: unknown): boolean {
  return codes(error).some((code) => code === PRISMA_UNIQUE || code === "23505");
}

export function isExclusionViolation(error: unknown): boolean {
  return codes(error).includes("23P01");
}

/** Serialization failures and deadlocks: the transaction may simply be tried again. */
export function isRetryableConflict(error: unknown): boolean {
  return codes(error).some((code) => code === "40001" || code === "40P01" || code === "P2034");
}
