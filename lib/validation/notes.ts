// A therapist's session note (SOAP and scores): the one schema the API route, the server action and the form
// (react-hook-form's zodResolver) validate with. Safe for the browser: no server imports.
import { z } from "zod";
import { safeText } from "./text";

export const NOTE_TEXT_MAX = 4000;

const soapText = (what: string) =>
  safeText({ error: `Write the ${what}.` })
    .trim()
    .min(1, `Write the ${what}.`)
    .max(NOTE_TEXT_MAX, `Keep the ${what} to ${NOTE_TEXT_MAX} characters.`);

const painScore = (when: string) =>
  z
    .int({ error: `Give the pain ${when} the session as a whole number from 0 to 10.` })
    .min(0, `Pain ${when} the session is from 0 (none) to 10 (worst).`)
    .max(10, `Pain ${when} the session is from 0 (none) to 10 (worst).`);

const change = (what: string) =>
  z
    .int({ error: `Give the change in ${what} as a whole number from -2 to 2.` })
    .min(-2, `The change in ${what} is from -2 (much worse) to 2 (much better).`)
    .max(2, `The change in ${what} is from -2 (much worse) to 2 (much better).`)
    .nullable()
    .optional();

export const sessionNoteSchema = z.strictObject({
  subjective: soapText("subjective part (what the patient reports)"),
  objective: soapText("objective part (what you found)"),
  assessment: soapText("assessment"),
  plan: soapText("plan"),
  painBefore: painScore("before"),
  painAfter: painScore("after"),
  sleepChange: change("sleep since the last session"),
  moodChange: change("mood since the last session"),
});

export type SessionNoteInput = z.infer<typeof sessionNoteSchema>;
/** What the form holds before parsing (the same fields). */
export type SessionNoteFormValues = z.input<typeof sessionNoteSchema>;

/** The five steps of sleepChange and moodChange, in words. */
export const CHANGE_WORDS: Record<string, string> = {
  "-2": "Much worse",
  "-1": "Worse",
  "0": "The same",
  "1": "Better",
  "2": "Much better",
};
