import { describe, expect, it } from "vitest";
import { writeAudit } from "@/lib/audit";
import { useTestDatabase } from "@/test/db";
import { auditLogHref, auditLogWhere, loadAuditLogPage, parseAuditLogParams, type AuditLogCursor } from "./log-filters";

describe("parseAuditLogParams", () => {
  it("reads filters and a cursor, and drops empty fields", () => {
    const parsed = parseAuditLogParams({
      action: " appointment.created ",
      entityType: "",
      entityId: "abc",
      actor: "Admin@Clinic",
      from: "2026-12-01",
      to: "2026-12-01",
      before: "120",
      unknown: "ignored",
    });
    expect(parsed).toEqual({
      ok: true,
      filters: { action: "appointment.created", entityId: "abc", actor: "Admin@Clinic", from: "2026-12-01", to: "2026-12-01" },
      cursor: { before: 120n, after: undefined },
      values: { action: " appointment.created ", entityType: "", entityId: "abc", actor: "Admin@Clinic", from: "2026-12-01", to: "2026-12-01", before: "120" },
    });
  });

  it("takes the first of repeated parameters", () => {
    expect(parseAuditLogParams({ action: ["a", "b"] })).toMatchObject({ ok: true, filters: { action: "a" } });
  });

  it.each([
    [{ from: "2026-02-30" }, "From: use a date like 2026-12-01."],
    [{ to: "yesterday" }, "To: use a date like 2026-12-01."],
    [{ from: "2026-12-02", to: "2026-12-01" }, "The From date is after the To date."],
    [{ before: "12abc" }, "Page: not a page of this log."],
    [{ before: "99999999999999999999" }, "Page: not a page of this log."],
    [{ before: "1", after: "2" }, "Page: not a page of this log."],
    [{ action: "x".repeat(101) }, "Action: use at most 100 characters."],
  ])("refuses %j with a message", (params, message) => {
    const parsed = parseAuditLogParams(params);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? [] : parsed.errors).toContain(message);
    expect(parsed.values).toEqual(params);
  });
});

describe("auditLogWhere", () => {
  it("turns local dates into the clinic's whole days", () => {
    const where = auditLogWhere({ from: "2026-03-29", to: "2026-03-29" }, "Europe/Amsterdam");
    // The day the clocks go forward: 23 hours long, from 00:00 CET to 00:00 CEST.
    expect(where.at).toEqual({ gte: new Date("2026-03-28T23:00:00Z"), lt: new Date("2026-03-29T22:00:00Z") });
  });

  it("matches the actor's e-mail in any case", () => {
    expect(auditLogWhere({ actor: "ADMIN@" }, "UTC")).toEqual({ actor: { email: { contains: "ADMIN@", mode: "insensitive" } } });
  });
});

describe("auditLogHref", () => {
  it("keeps the filters and the cursor", () => {
    expect(auditLogHref({ action: "a b", from: "2026-12-01" }, { before: 5n })).toBe("/admin/audit?action=a+b&from=2026-12-01&before=5");
    expect(auditLogHref({})).toBe("/admin/audit");
  });
});

describe("loadAuditLogPage", () => {
  const t = useTestDatabase();

  it("pages newest first by id, in both directions, within the filters", async () => {
    for (let i = 1; i <= 12; i++) {
      await writeAudit(t.db, { actor: null, action: i % 3 === 0 ? "paging.skip" : "paging.keep", entityType: "Paging", entityId: String(i) });
    }
    const where = auditLogWhere({ action: "paging.keep" }, "UTC");
    const load = (cursor: AuditLogCursor) =>
      loadAuditLogPage(where, cursor, (args) => t.db.auditEntry.findMany({ ...args, select: { id: true, entityId: true } }), 3);
    const ids = (page: { rows: Array<{ entityId: string | null }> }) => page.rows.map((row) => row.entityId);

    const first = await load({});
    expect(ids(first)).toEqual(["11", "10", "8"]);
    expect(first.newer).toBeUndefined();
    const second = await load(first.older!);
    expect(ids(second)).toEqual(["7", "5", "4"]);
    const third = await load(second.older!);
    expect(ids(third)).toEqual(["2", "1"]);
    expect(third.older).toBeUndefined();
    const back = await load(third.newer!);
    expect(ids(back)).toEqual(["7", "5", "4"]);
    const top = await load(back.newer!);
    expect(ids(top)).toEqual(["11", "10", "8"]);
    expect(top.newer).toBeUndefined();
    expect(await load({ before: -1000n })).toEqual({ rows: [] });
  });
});

describe("parseAuditLogParams refuses what the database cannot hold (ADR 0010)", () => {
  it.each([
    [{ action: "a\u0000b" }, "Remove the invisible control character or broken symbol from this text."],
    [{ actor: "\uD800" }, "Remove the invisible control character or broken symbol from this text."],
    [{ from: "9999-12-31" }, "From: Give a date between the years 2000 and 2099."],
    [{ to: "1899-01-01" }, "To: Give a date between the years 2000 and 2099."],
  ])("%j is a message, not a query", (params, message) => {
    expect(parseAuditLogParams(params)).toMatchObject({ ok: false, errors: [message] });
  });
});
