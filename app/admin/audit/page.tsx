import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditChainBanner, AuditChainPending } from "@/components/admin/audit-chain-banner";
import { AuditDetails } from "@/components/admin/audit-details";
import { AuditFilters } from "@/components/admin/audit-filters";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState, PageHeader, Section } from "@/components/ui/card";
import { auditLogHref, auditLogWhere, loadAuditLogPage, parseAuditLogParams, type SearchParams } from "@/lib/audit/log-filters";
import { verifyAuditChain } from "@/lib/audit/verify";
import { requireRole } from "@/lib/auth/guards";
import { ROLE_LABEL } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { formatDateTime, STATUS_LABEL } from "@/lib/format";
import { getClinicSettings } from "@/lib/settings";

export const metadata: Metadata = { title: "Audit log" };

const state = (value: string | null) => (value ? (STATUS_LABEL[value] ?? value) : null);

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireRole("ADMIN", "/admin/audit");
  const db = getDb();
  const params = parseAuditLogParams(await searchParams);
  // Started now, shown when done: a walk over the whole log must not hold up the table.
  const chain = verifyAuditChain(db).catch((error: unknown) => {
    console.error("Audit chain check failed", error);
    return null;
  });

  const [settings, actions, entityTypes] = await Promise.all([
    getClinicSettings(db),
    db.auditEntry.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
    db.auditEntry.groupBy({ by: ["entityType"], orderBy: { entityType: "asc" } }),
  ]);
  const page = params.ok
    ? await loadAuditLogPage(auditLogWhere(params.filters, settings.timeZone), params.cursor, (args) =>
        db.auditEntry.findMany({
          ...args,
          select: {
            id: true,
            seq: true,
            at: true,
            actorRole: true,
            action: true,
            entityType: true,
            entityId: true,
            fromState: true,
            toState: true,
            details: true,
            ipAddress: true,
            actor: { select: { name: true, email: true } },
          },
        }),
      )
    : null;
  const filtered = params.ok && Object.keys(params.filters).length > 0;

  return (
    <>
      <PageHeader
        title="Audit log"
        lead="Every change of state and every read of protected health information, newest first. Entries cannot be changed or removed; within a minute of being written each is sealed into a chain, linked to the one before it by a hash."
      >
        <div className="mt-4">
          <Suspense fallback={<AuditChainPending />}>
            <AuditChainBanner result={chain} />
          </Suspense>
        </div>
      </PageHeader>

      <Section title="Filter" id="filter">
        <AuditFilters
          values={params.values}
          actions={actions.map((row) => row.action)}
          entityTypes={entityTypes.map((row) => row.entityType)}
          timeZone={settings.timeZone}
        />
      </Section>

      <Section title="Entries" id="entries">
        {!params.ok ? (
          <Alert tone="error">
            <p>These filters cannot be used:</p>
            <ul className="mt-1 list-disc pl-5 font-normal">
              {params.errors.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>
          </Alert>
        ) : !page || page.rows.length === 0 ? (
          <EmptyState>{filtered ? "No entries match these filters." : "Nothing has been recorded yet."}</EmptyState>
        ) : (
          <div
            // "relative": the table's screen-reader-only labels are absolutely positioned; without a positioned
            // ancestor here they escape the scrolling box and widen the whole page on a phone.
            className="relative overflow-x-auto rounded-2xl border border-line bg-card"
            tabIndex={0}
            role="region"
            aria-label="Audit entries table, scrolls sideways on small screens"
          >
            <table className="w-full min-w-[60rem] text-left text-sm">
              <caption className="sr-only">
                Audit entries, newest first{filtered ? ", filtered" : ""}: {page.rows.length} on this page
              </caption>
              <thead className="bg-sage-50">
                <tr>
                  <th scope="col" className="p-3">When</th>
                  <th scope="col" className="p-3">Who</th>
                  <th scope="col" className="p-3">Action</th>
                  <th scope="col" className="p-3">Record</th>
                  <th scope="col" className="p-3 whitespace-nowrap">
                    From <span aria-hidden="true">→</span>
                    <span className="sr-only">and</span> to
                  </th>
                  <th scope="col" className="p-3">Address</th>
                  <th scope="col" className="p-3">Details</th>
                </tr>
              </thead>
              <tbody>
                {page.rows.map((entry) => {
                  const from = state(entry.fromState);
                  const to = state(entry.toState);
                  return (
                    <tr key={entry.id.toString()} className="border-t border-line align-top">
                      <th scope="row" className="min-w-40 p-3 font-medium">
                        {formatDateTime(entry.at, settings.timeZone)}
                        <span className="block text-xs font-normal text-muted">
                          {entry.seq === null ? "Not sealed yet" : `Entry ${entry.seq.toString()}`}
                        </span>
                      </th>
                      <td className="min-w-48 p-3">
                        {entry.actor ? (
                          <>
                            {entry.actor.name}
                            <span className="block text-muted [overflow-wrap:anywhere]">{entry.actor.email}</span>
                          </>
                        ) : (
                          <span>{entry.actorRole ? "No account recorded" : "The system"}</span>
                        )}
                        {entry.actorRole ? <span className="block text-xs text-muted">{ROLE_LABEL[entry.actorRole]}</span> : null}
                      </td>
                      <td className="p-3">
                        <code className="text-xs whitespace-nowrap">{entry.action}</code>
                      </td>
                      <td className="min-w-48 p-3">
                        {entry.entityType}
                        {entry.entityId ? <span className="block text-xs break-all text-muted">{entry.entityId}</span> : null}
                      </td>
                      <td className="p-3">
                        {from || to ? (
                          <>
                            {from ?? <span className="text-muted">none</span>} <span aria-hidden="true">→</span>
                            <span className="sr-only"> to </span> {to ?? <span className="text-muted">none</span>}
                          </>
                        ) : (
                          <span className="text-muted">No change of state</span>
                        )}
                      </td>
                      <td className="p-3 whitespace-nowrap">{entry.ipAddress ?? <span className="text-muted">Not recorded</span>}</td>
                      <td className="min-w-48 p-3">
                        <AuditDetails details={entry.details} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {params.ok && page && (page.newer || page.older) ? (
          <nav aria-label="Audit log pages" className="mt-4 flex flex-wrap items-center gap-3">
            {page.newer ? (
              <>
                <ButtonLink variant="secondary" href={auditLogHref(params.filters)}>
                  Newest entries
                </ButtonLink>
                <ButtonLink variant="secondary" href={auditLogHref(params.filters, page.newer)}>
                  Newer entries
                </ButtonLink>
              </>
            ) : null}
            {page.older ? (
              <ButtonLink variant="secondary" href={auditLogHref(params.filters, page.older)}>
                Older entries
              </ButtonLink>
            ) : null}
          </nav>
        ) : null}
      </Section>
    </>
  );
}
