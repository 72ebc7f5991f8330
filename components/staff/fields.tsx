import type { ComponentProps, ReactNode } from "react";

const control = "min-h-11 rounded-lg border border-muted/60 bg-white px-3 py-2 text-base aria-invalid:border-danger-700";
export const choiceClass = "flex min-h-11 items-center gap-2 rounded-lg border border-line bg-white px-3 py-2";

function FieldError({ id, error }: { id: string; error?: string }) {
  return (
    <p id={id} className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
      {error ?? ""}
    </p>
  );
}

/** A group of checkboxes (or one) under a legend, its error tied to the group. */
export function ChoiceGroup({ id, legend, hint, error, children }: { id: string; legend: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <fieldset aria-describedby={[hint ? `${id}-hint` : "", `${id}-error`].filter(Boolean).join(" ")}>
      <legend className="mb-1 font-semibold">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="mb-2 text-sm text-muted">
          {hint}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">{children}</div>
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  );
}

export function TextAreaField({ id, label, hint, error, ...textarea }: ComponentProps<"textarea"> & { id: string; label: string; hint?: string; error?: string }) {
  const hintId = hint ? `${id}-hint` : undefined;
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
      <textarea
        id={id}
        rows={4}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, error ? `${id}-error` : undefined].filter(Boolean).join(" ") || undefined}
        className={control}
        {...textarea}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

/** A label whose visible words are short ("Starts") and whose accessible name says which row ("Starts, shift 2"). */
export function RowLabel({ htmlFor, text, row }: { htmlFor: string; text: string; row: string }) {
  return (
    <label htmlFor={htmlFor} className="text-sm font-semibold">
      {text}
      <span className="sr-only">, {row}</span>
    </label>
  );
}

export const controlClass = control;
export { FieldError };
