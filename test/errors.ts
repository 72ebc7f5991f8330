// Reads the SQLSTATE out of whatever a driver adapter or Prisma threw.
export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const record = current as { code?: unknown; originalCode?: unknown; cause?: unknown };
    if (typeof record.originalCode === "string") return record.originalCode;
    if (typeof record.code === "string" && /^[0-9A-Z]{5}$/.test(record.code)) return record.code;
    current = record.cause;
  }
  return undefined;
}

/** Runs `work`, expects it to fail, and returns what it threw. */
export async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("Expected the operation to fail, but it succeeded.");
}
