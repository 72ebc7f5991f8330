// Every free-text and date field of every schema in lib/validation refuses what the database cannot hold.
// The fields are found by walking each schema, so a field added later is swept without editing this file;
// the list of schemas is checked against the modules' exports, so a schema added later must be listed here.
import { describe, expect, test } from "vitest";
import { z } from "zod";
import * as appointments from "./appointments";
import * as auth from "./auth";
import * as availability from "./availability";
import * as booking from "./booking";
import * as clearance from "./clearance";
import * as consent from "./consent";
import * as healthRecord from "./health-record";
import * as intakeModule from "./intake";
import { INSTANT_RANGE_MESSAGE, isStorableText, UNSAFE_TEXT_MESSAGE } from "./text";

const UUID = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b";
const validIntake = {
  painOnset: "chronic",
  painAreas: ["lower-back"],
  painLevel: 4,
  symptoms: { fever: false, contagiousIllness: false, acuteInjury: false },
  conditions: { cardiovascular: false, cancer: false, diabetes: false, osteoporosis: false, otherSerious: "Asthma" },
  notes: "Left side mostly",
};

/** Each schema with an input it accepts, every optional text and date field filled in. */
const CASES: Array<[string, z.ZodType, unknown]> = [
  ["registerSchema", auth.registerSchema, { name: "Pat Jensen", email: "pat@example.com", password: "stroll-Harbour-42" }],
  ["signUpSchema", auth.signUpSchema, { name: "Pat Jensen", email: "pat@example.com", password: "stroll-Harbour-42", healthDataConsent: true }],
  ["healthDataConsentField", consent.healthDataConsentField, true],
  ["giveConsentSchema", consent.giveConsentSchema, { healthDataConsent: true }],
  ["signInSchema", auth.signInSchema, { email: "pat@example.com", password: "anything" }],
  ["emailSchema", auth.emailSchema, "pat@example.com"],
  ["newPasswordSchema", auth.newPasswordSchema, "stroll-Harbour-42"],
  ["intakeSchema", intakeModule.intakeSchema, validIntake],
  [
    "bookingSchema",
    booking.bookingSchema,
    { therapistId: UUID, massageType: "swedish", duration: 60, start: "2027-01-05T09:00:00Z", physicianId: UUID, intake: validIntake },
  ],
  ["idempotencyKeySchema", booking.idempotencyKeySchema, "key-12345678"],
  ["changeSchema", appointments.changeSchema, { start: "2027-01-05T09:00:00Z", massageType: "swedish", duration: 30, physicianId: UUID }],
  [
    "appointmentListQuerySchema",
    appointments.appointmentListQuerySchema,
    { from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z", status: "held", order: "asc", limit: "20" },
  ],
  [
    "availabilityQuerySchema",
    availability.availabilityQuerySchema,
    { therapistId: UUID, massageType: "swedish", duration: "60", from: "2027-01-05T00:00:00Z", to: "2027-01-06T00:00:00Z" },
  ],
  ["restrictionsSchema", clearance.restrictionsSchema, { text: "No deep pressure", excludedMassageTypes: ["deep-tissue"], maxDurationMinutes: 60 }],
  [
    "decisionSchema",
    clearance.decisionSchema,
    { decision: "decline", restrictions: { text: "No deep pressure" }, validUntil: "2027-06-30", reason: "Not yet" },
  ],
  ["clearanceQueueQuerySchema", clearance.clearanceQueueQuerySchema, { status: "open" }],
  ["resolveConditionSchema", healthRecord.resolveConditionSchema, { conditionId: UUID, reason: "Healed, says my GP" }],
];

type Leaf = { path: Array<string | number>; kind: "text" | "instant" | "date-or-instant" };
type Def = { type: string; format?: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; options?: z.ZodType[] };
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The free-text and date leaves of a schema, with their paths. Formats (email, uuid), enums, numbers are not free. */
function leaves(schema: z.ZodType, path: Array<string | number> = []): Leaf[] {
  const def = defOf(schema);
  switch (def.type) {
    case "object":
      return Object.entries(def.shape ?? {}).flatMap(([key, child]) => leaves(child, [...path, key]));
    case "optional":
    case "nullable":
    case "default":
      return leaves(def.innerType!, path);
    case "pipe":
      return leaves(def.in!, path);
    case "union": {
      const formats = (def.options ?? []).map((option) => defOf(option).format);
      if (formats.includes("date") || formats.includes("datetime")) return [{ path, kind: "date-or-instant" }];
      return (def.options ?? []).flatMap((option) => leaves(option, path));
    }
    case "string":
      if (def.format === "datetime") return [{ path, kind: "instant" }];
      if (def.format === "date") return [{ path, kind: "date-or-instant" }];
      return def.format ? [] : [{ path, kind: "text" }];
    default:
      return [];
  }
}

const BAD_TEXT = ["nul \u0000 inside", "\u0000", "lone high \uD800 surrogate", "lone low \uDC00", "ends high \uDBFF"];
const BAD_INSTANTS = ["0000-01-01T00:00:00Z", "9999-12-31T00:00:00Z", "9999-12-31T23:00:00-05:00", "1899-12-31T23:59:59Z", "2100-01-01T00:00:00Z"];
const BAD_DATES = ["0000-01-01", "9999-12-31", "2100-01-01"];

function withValue(input: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(input) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

test("the list of schemas is every schema lib/validation exports", () => {
  const exported = [appointments, auth, availability, booking, clearance, consent, healthRecord, intakeModule].flatMap((module) =>
    Object.entries(module).filter(([, value]) => value instanceof z.ZodType),
  );
  const listed = new Set(CASES.map(([, schema]) => schema));
  expect(exported.filter(([, schema]) => !listed.has(schema as z.ZodType)).map(([name]) => name)).toEqual([]);
});

/** The fields whose only objection to such input is the database's: each must answer with the dedicated message. */
const NAMED = [
  "registerSchema:name",
  "signUpSchema:name",
  "newPasswordSchema:",
  "intakeSchema:notes",
  "intakeSchema:conditions.otherSerious",
  "bookingSchema:start",
  "bookingSchema:intake.notes",
  "bookingSchema:intake.conditions.otherSerious",
  "idempotencyKeySchema:",
  "changeSchema:start",
  "appointmentListQuerySchema:from",
  "appointmentListQuerySchema:to",
  "availabilityQuerySchema:from",
  "availabilityQuerySchema:to",
  "restrictionsSchema:text",
  "decisionSchema:reason",
  "decisionSchema:validUntil",
  "decisionSchema:restrictions.text",
  "resolveConditionSchema:reason",
];

describe.each(CASES)("%s", (name, schema, valid) => {
  const found = leaves(schema);

  test("accepts its sample", () => {
    expect(schema.safeParse(valid).error?.issues).toBeUndefined();
  });

  test.each(found.map((leaf) => [leaf.path.join(".") || "(the value)", leaf] as const))("%s refuses what the database cannot hold", (_path, leaf) => {
    const bad = leaf.kind === "text" ? BAD_TEXT : leaf.kind === "instant" ? BAD_INSTANTS : [...BAD_DATES, ...BAD_INSTANTS];
    for (const value of bad) {
      const result = schema.safeParse(withValue(valid, leaf.path, value));
      expect(result.success, JSON.stringify(value)).toBe(false);
      const issue = result.error?.issues.find((candidate) => candidate.path.join(".") === leaf.path.join("."));
      if (NAMED.includes(`${name}:${leaf.path.join(".")}`)) {
        expect(issue?.message, JSON.stringify(value)).toBe(leaf.kind === "text" ? UNSAFE_TEXT_MESSAGE : INSTANT_RANGE_MESSAGE);
      } else {
        // A field with a format of its own (an email, a number, a list of words) refuses it in its own words.
        expect(issue?.message, JSON.stringify(value)).toMatch(/^[A-Za-z][^]*\.$/);
        expect(issue?.message, JSON.stringify(value)).not.toMatch(/Invalid input|expected/i);
      }
    }
  });
});

test("the walk finds every field the findings named", () => {
  const paths = CASES.flatMap(([name, schema]) => leaves(schema).map((leaf) => `${name}:${leaf.path.join(".")}`));
  expect(paths).toEqual(expect.arrayContaining(NAMED));
});

test("isStorableText keeps every well-formed character, emoji and accents included", () => {
  expect(isStorableText("Zoë 😀 — 東京 \t\n")).toBe(true);
  expect(isStorableText("\u0000")).toBe(false);
  expect(isStorableText("\uD83D")).toBe(false);
});
