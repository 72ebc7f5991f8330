// What every free-text and date field of the forms and the API must be for the database to hold it (ADR 0010).
// PostgreSQL refuses a NUL character in text and a lone UTF-16 surrogate cannot be encoded as UTF-8; its
// timestamps (and JavaScript's ISO strings) do not reach year 0000 or past 9999. Each schema in lib/validation
// builds its free text with `safeText` and its instants with `boundedInstant`, so such input is a field message
// (422), never a 500 from the database.
import { z } from "zod";

export const UNSAFE_TEXT_MESSAGE = "Remove the invisible control character or broken symbol from this text.";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text the database stores as given: no NUL, no half of a surrogate pair. */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

/** A string field of free text: `z.string(params)` that refuses what the database cannot hold, before any other check. */
export function safeText(params?: { error?: string }) {
  return z.string(params).refine(isStorableText, { message: UNSAFE_TEXT_MESSAGE, abort: true });
}

/** Optional free text, trimmed, at most `max` characters; empty means absent. */
export function optionalText(max: number, message: string) {
  return safeText()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => (value ? value : undefined));
}

/**
 * The instants any field of the clinic accepts: from 2000 up to the end of 2099. Far wider than any booking horizon
 * or validity (the domain judges those against its clock), narrow enough for every database and for Date.
 */
export const EARLIEST_INSTANT = new Date("2000-01-01T00:00:00Z");
export const LATEST_INSTANT = new Date("2100-01-01T00:00:00Z");
export const INSTANT_RANGE_MESSAGE = "Give a date between the years 2000 and 2099.";

export const isWithinClinicRange = (date: Date) => date >= EARLIEST_INSTANT && date < LATEST_INSTANT;

/** An ISO 8601 instant with offset, as a Date, inside the clinic's range. */
export function boundedInstant(message: string) {
  return z.iso
    .datetime({ offset: true, error: message })
    .transform((value) => new Date(value))
    .refine(isWithinClinicRange, INSTANT_RANGE_MESSAGE);
}
