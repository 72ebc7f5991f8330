// The waitlist's answers, as zod schemas for the OpenAPI document (built in lib/waitlist/entries.ts entryJson).
import { z } from "zod";
import { MASSAGE_TYPE_SLUGS } from "@/lib/catalogue/massage-types";

const id = z.guid();
const instant = z.iso.datetime();
const day = z.iso.date();
const clock = z.string().regex(/^\d{2}:\d{2}$/);

export const waitlistJoinedSchema = z.strictObject({ id }).meta({ title: "WaitlistJoined" });

export const waitlistOfferSchema = z
  .strictObject({ id, start: instant, end: instant, therapistId: id, expiresAt: instant.describe("Claim before this.") })
  .meta({ title: "WaitlistOffer" });

export const waitlistEntrySchema = z
  .strictObject({
    id,
    massageType: z.enum(MASSAGE_TYPE_SLUGS),
    duration: z.int().positive(),
    therapistId: id.nullable().describe("Null: any therapist."),
    from: day,
    to: day,
    days: z.array(z.int().min(1).max(7)).describe("ISO weekdays (1 Monday … 7 Sunday); empty: every day."),
    earliest: clock.describe("Clinic time: the visit starts at or after this."),
    latest: clock.describe("Clinic time: the visit ends by this (24:00: end of day)."),
    status: z.enum(["active", "fulfilled", "left"]),
    createdAt: instant.describe("When the patient joined: the longest waiting is offered first."),
    offer: waitlistOfferSchema.nullable().describe("The time offered now, until `expiresAt`."),
  })
  .meta({ title: "WaitlistEntry" });
