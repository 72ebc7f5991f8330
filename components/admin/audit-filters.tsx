// The audit page's filter form: a plain GET form, so every filtered view is a link.
import { ButtonLink, Button } from "@/components/ui/button";

const inputClass = "min-h-11 w-full min-w-0 rounded-lg border border-muted/60 bg-white px-3 py-2 text-base";

function Choice({ id, label, value, options, anyLabel }: { id: string; label: string; value?: string; options: string[]; anyLabel: string }) {
  // A value typed into the URL that is not (or no longer) in the list stays selectable.
  const all = value && !options.includes(value) ? [value, ...options] : options;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      <select id={id} name={id} defaultValue={value ?? ""} className={inputClass}>
        <option value="">{anyLabel}</option>
        {all.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}

function Input({ id, label, value, type = "text", hint }: { id: string; label: string; value?: string; type?: string; hint?: string }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      <input
        id={id}
        name={id}
        type={type}
        defaultValue={value ?? ""}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className={inputClass}
        autoComplete="off"
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function AuditFilters({
  values,
  actions,
  entityTypes,
  timeZone,
}: {
  values: Record<string, string>;
  actions: string[];
  entityTypes: string[];
  timeZone: string;
}) {
  return (
    <form method="get" action="/admin/audit" className="min-w-0 rounded-2xl border border-line bg-card p-4 sm:p-5" aria-label="Filter the audit log">
      {/* One column of full width on a phone: a long action name in a list must not widen the page. */}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Choice id="action" label="Action" value={values.action} options={actions} anyLabel="Any action" />
        <Choice id="entityType" label="Record type" value={values.entityType} options={entityTypes} anyLabel="Any type" />
        <Input id="entityId" label="Record id" value={values.entityId} />
        <Input id="actor" label="Who (e-mail)" value={values.actor} hint="Part of the address is enough." />
        <Input id="from" label="From" type="date" value={values.from} hint={`A day in the clinic's time zone (${timeZone}).`} />
        <Input id="to" label="To" type="date" value={values.to} hint="Included." />
      </div>
      <div className="mt-4 flex flex-wrap gap-3">
        <Button type="submit">Show entries</Button>
        <ButtonLink variant="secondary" href="/admin/audit">
          Clear filters
        </ButtonLink>
      </div>
    </form>
  );
}
