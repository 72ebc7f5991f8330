// The admin audit page's query string: filters and a keyset cursor, validated
// here so a hand-edited URL gives a message rather than a crash.
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addDays, wallClockToUtcAtOrAfter } from "@/lib/time/zoned";
import { INSTANT_RANGE_MESSAGE, isWithinClinicRange, safeText } from "@/lib/validation/text";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditLogFilters {
  action?: string;
  entityType?: string;
  entityId?: string;
  /** Part of the actor's e-mail address, any case. */
  actor?: string;
  /** Local dates (YYYY-MM-DD) in the clinic's time zone, both included. */
  from?: string;
  to?: string;
}

export interface AuditLogCursor {
  /** Entries with a smaller id (older). */
  before?: bigint;
  /** Entries with a larger id (newer). */
  after?: bigint;
}

export type SearchParams = Record<string, string | string[] | undefined>;

export const FILTER_KEYS = ["action", "entityType", "entityId", "actor", "from", "to"] as const;

const MAX_BIGINT = 2n ** 63n - 1n;

const text = (label: string, max: number) =>
  safeText()
    .trim()
    .max(max, `${label}: use at most ${max} characters.`)
    .transform((value) => value || undefined)
    .optional();

const localDate = (label: string) =>
  z
    .string()
    .trim()
    .transform((value) => value || undefined)
    .optional()
    .refine((value) => value === undefined || isCalendarDate(value), `${label}: use a date like 2026-12-01.`)
    .refine((value) => value === undefined || isWithinClinicRange(new Date(`${value}T12:00:00Z`)), `${label}: ${INSTANT_RANGE_MESSAGE}`);

const cursor = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((value) => !value || (/^-?\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT && BigInt(value) >= -MAX_BIGINT), `${label}: not a page of this log.`)
    .transform((value) => (value ? BigInt(value) : undefined));

const schema = z
  .object({
    action: text("Action", 100),
    entityType: text("Record type", 100),
    entityId: text("Record id", 200),
    actor: text("Who", 320),
    from: localDate("From"),
    to: localDate("To"),
    before: cursor("Page"),
    after: cursor("Page"),
  })
  .refine((v) => !(v.from && v.to && v.from > v.to), { message: "The From date is after the To date.", path: ["to"] })
  .refine((v) => v.before === undefined || v.after === undefined, { message: "Page: not a page of this log.", path: ["after"] });

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export type ParsedAuditLogParams =
  | { ok: true; filters: AuditLogFilters; cursor: AuditLogCursor; values: Record<string, string> }
  | { ok: false; errors: string[]; values: Record<string, string> };

/** Reads the page's query string. `values` are what the person typed, to put back in the form. */
export function parseAuditLogParams(params: SearchParams): ParsedAuditLogParams {
  const values: Record<string, string> = {};
  for (const key of [...FILTER_KEYS, "before", "after"]) {
    const value = first(params[key]);
    if (value !== undefined) values[key] = value;
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: [...new Set(parsed.error.issues.map((issue) => issue.message))], values };
  const { before, after, ...filters } = parsed.data;
  const defined = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as AuditLogFilters;
  return { ok: true, filters: defined, cursor: { before, after }, values };
}

/** The filters as a Prisma where clause; dates are whole days in the clinic's time zone. */
export function auditLogWhere(filters: AuditLogFilters, timeZone: string): Prisma.AuditEntryWhereInput {
  const where: Prisma.AuditEntryWhereInput = {};
  if (filters.action) where.action = filters.action;
  if (filters.entityType) where.entityType = filters.entityType;
  if (filters.entityId) where.entityId = filters.entityId;
  if (filters.actor) where.actor = { email: { contains: filters.actor, mode: "insensitive" } };
  if (filters.from || filters.to) {
    where.at = {
      ...(filters.from ? { gte: wallClockToUtcAtOrAfter(filters.from, 0, timeZone) } : {}),
      ...(filters.to ? { lt: wallClockToUtcAtOrAfter(addDays(filters.to, 1), 0, timeZone) } : {}),
    };
  }
  return where;
}

/** A link to the page with these filters and, optionally, a cursor. */
export function auditLogHref(filters: AuditLogFilters, cursor: AuditLogCursor = {}): string {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  if (cursor.before !== undefined) query.set("before", cursor.before.toString());
  if (cursor.after !== undefined) query.set("after", cursor.after.toString());
  const search = query.toString();
  return search ? `/admin/audit?${search}` : "/admin/audit";
}

export interface AuditLogPage<Row extends { id: bigint }> {
  rows: Row[];
  /** Cursors for the neighbouring pages, when there are entries there. */
  older?: AuditLogCursor;
  newer?: AuditLogCursor;
}

/**
 * One page, newest first, by keyset on id: `find` is called with the where
 * clause, an order and a limit, and returns rows; a page needs at most two
 * queries (the rows, and a probe for the other direction).
 */
export async function loadAuditLogPage<Row extends { id: bigint }>(
  where: Prisma.AuditEntryWhereInput,
  cursor: AuditLogCursor,
  find: (args: { where: Prisma.AuditEntryWhereInput; orderBy: { id: "asc" | "desc" }; take: number }) => Promise<Row[]>,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<AuditLogPage<Row>> {
  const and = (extra: Prisma.AuditEntryWhereInput): Prisma.AuditEntryWhereInput => ({ AND: [where, extra] });
  const exists = async (extra: Prisma.AuditEntryWhereInput) =>
    (await find({ where: and(extra), orderBy: { id: "desc" }, take: 1 })).length > 0;

  if (cursor.after !== undefined) {
    const found = await find({ where: and({ id: { gt: cursor.after } }), orderBy: { id: "asc" }, take: pageSize + 1 });
    const rows = found.slice(0, pageSize).reverse();
    if (rows.length === 0) return { rows };
    const newest = rows[0]!.id;
    const oldest = rows.at(-1)!.id;
    return {
      rows,
      newer: found.length > pageSize ? { after: newest } : undefined,
      older: (await exists({ id: { lt: oldest } })) ? { before: oldest } : undefined,
    };
  }
  const found = await find({
    where: cursor.before !== undefined ? and({ id: { lt: cursor.before } }) : where,
    orderBy: { id: "desc" },
    take: pageSize + 1,
  });
  const rows = found.slice(0, pageSize);
  if (rows.length === 0) return { rows };
  const newest = rows[0]!.id;
  const oldest = rows.at(-1)!.id;
  return {
    rows,
    older: found.length > pageSize ? { before: oldest } : undefined,
    newer: cursor.before !== undefined && (await exists({ id: { gt: newest } })) ? { after: newest } : undefined,
  };
}
