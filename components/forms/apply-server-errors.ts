import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { FieldErrors } from "@/lib/errors";

/** Puts the server's per-field messages next to the fields, and focuses the first. */
export function applyServerErrors<T extends FieldValues>(form: Pick<UseFormReturn<T>, "setError">, fields: FieldErrors | undefined) {
  if (!fields) return;
  Object.entries(fields).forEach(([name, message], index) => {
    form.setError(name as Path<T>, { type: "server", message }, { shouldFocus: index === 0 });
  });
}
