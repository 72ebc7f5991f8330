import type { ComponentProps } from "react";

/** A labelled input whose hint and error are tied to it for screen readers. */
export function TextField({
  id,
  label,
  hint,
  error,
  ...input
}: ComponentProps<"input"> & { id: string; label: string; hint?: string; error?: string }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = `${id}-error`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, error ? errorId : undefined].filter(Boolean).join(" ") || undefined}
        className="min-h-11 rounded-lg border border-muted/60 bg-white px-3 py-2 text-base aria-invalid:border-danger-700"
        {...input}
      />
      <p id={errorId} className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
        {error ?? ""}
      </p>
    </div>
  );
}
