"use client";
// A form posting to a server action, showing what came back: a confirmation, what to fix (each field's
// message), and the appointments in the way of a closure or time off with links to move or cancel them.
import Link from "next/link";
import { useActionState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { CalendarFormResult } from "@/lib/calendar/form-result";

type Action = (previous: CalendarFormResult | null, form: FormData) => Promise<CalendarFormResult>;

export function ActionForm({
  action,
  submit,
  pending: pendingLabel,
  children,
  label,
  variant = "primary",
  fieldLabels = {},
}: {
  action: Action;
  submit: string;
  pending?: string;
  children?: ReactNode;
  label: string;
  variant?: "primary" | "secondary";
  /** Field names as the person reads them, for the list of what to fix. */
  fieldLabels?: Record<string, string>;
}) {
  const [result, formAction, pending] = useActionState(action, null);
  const fields = Object.entries(result?.fields ?? {});
  return (
    <form action={formAction} aria-label={label} className="flex flex-col gap-3">
      {children}
      <div>
        <Button type="submit" variant={variant} disabled={pending}>
          {pending ? (pendingLabel ?? "Saving…") : submit}
        </Button>
      </div>
      {result?.ok ? <Alert tone="info">{result.message}</Alert> : null}
      <Alert tone="error">
        {!result?.ok && result?.message ? (
          <>
            <p>{result.message}</p>
            {fields.length ? (
              <ul className="mt-1 list-disc pl-5 font-normal">
                {fields.map(([field, message]) => (
                  <li key={field}>
                    {fieldLabels[field] ? `${fieldLabels[field]}: ` : ""}
                    {message}
                  </li>
                ))}
              </ul>
            ) : null}
            {result.inTheWay?.length ? (
              <ul className="mt-2 flex flex-col gap-1 font-normal" aria-label="Appointments in the way">
                {result.inTheWay.map((item) => (
                  <li key={item.id}>
                    <Link className="font-semibold underline underline-offset-4" href={`/admin/appointments/${item.id}`}>
                      {item.when}
                    </Link>{" "}
                    — {item.patient} with {item.therapist} ({item.status}): move or cancel it
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
      </Alert>
    </form>
  );
}
