"use client";

import { useId, useState, useTransition } from "react";
import { resolveConditionAction } from "@/app/health-record/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Staff or the physician: mark one condition on the record resolved, with the reason (kept and audited). */
export function ResolveConditionForm({ conditionId, label, returnPath }: { conditionId: string; label: string; returnPath: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const id = useId();
  if (!open) {
    return (
      <Button type="button" variant="quiet" onClick={() => setOpen(true)}>
        Mark {label} resolved
      </Button>
    );
  }
  return (
    <form
      className="mt-2 flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await resolveConditionAction({ conditionId, reason }, returnPath);
          setMessage(result.message);
          setError(result.fields?.reason);
          if (result.done) setOpen(false);
        });
      }}
    >
      <label htmlFor={`${id}-reason`} className="font-medium">
        Why does {label} no longer apply?
      </label>
      <textarea
        id={`${id}-reason`}
        rows={2}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        aria-describedby={`${id}-error`}
        className="rounded-lg border border-muted/60 bg-white px-3 py-2"
      />
      <p id={`${id}-error`} className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
        {error ?? ""}
      </p>
      <Alert tone="error">{message}</Alert>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Mark resolved"}
        </Button>
        <Button type="button" variant="quiet" onClick={() => setOpen(false)}>
          Keep it
        </Button>
      </div>
    </form>
  );
}
