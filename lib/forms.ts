// What a server action gives back to its form: a message and per-field errors,
// in the same `{ "field": "message" }` shape as the API's `fields`.
import type { FieldErrors } from "@/lib/errors";

export interface FormResult {
  message?: string;
  fields?: FieldErrors;
}

/** Only same-site paths: a sign-in link must never send someone to another site. */
export function safeReturnPath(value: unknown, fallback: string): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}
