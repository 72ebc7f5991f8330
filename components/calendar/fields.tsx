// Labelled inputs for the clinic's calendar and settings forms (plain elements: they work in server components).
import type { ComponentProps, ReactNode } from "react";

export const inputClass = "min-h-11 w-full min-w-0 rounded-lg border border-muted/60 bg-white px-3 py-2 text-base";

export function Input({ id, label, hint, ...input }: ComponentProps<"input"> & { id: string; label: string; hint?: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      <input id={id} name={id} aria-describedby={hint ? `${id}-hint` : undefined} className={inputClass} {...input} />
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function Select({
  id,
  label,
  options,
  hint,
  ...select
}: ComponentProps<"select"> & { id: string; label: string; options: Array<[string, string]>; hint?: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      <select id={id} name={id} aria-describedby={hint ? `${id}-hint` : undefined} className={inputClass} {...select}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
