// A session note's answer, as a zod schema for the OpenAPI document (built in lib/notes/notes.ts sessionNoteJson).
import { z } from "zod";

const score = (min: number, max: number) => z.int().min(min).max(max);
const change = score(-2, 2).nullable().describe("Since the last session: -2 much worse … 0 the same … 2 much better; null if not asked.");

export const sessionNoteBodySchema = z
  .strictObject({
    id: z.guid(),
    appointmentId: z.guid(),
    subjective: z.string(),
    objective: z.string(),
    assessment: z.string(),
    plan: z.string(),
    painBefore: score(0, 10),
    painAfter: score(0, 10),
    sleepChange: change,
    moodChange: change,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime().describe("The last change; after the clinic's note lock there are no more."),
  })
  .meta({ title: "SessionNote" });
