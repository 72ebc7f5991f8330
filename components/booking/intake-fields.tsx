"use client";

// The health intake's questions, as the booking wizard asks them, for any form whose fields are
// `intake.*` and `physicianId` (the booking wizard, a waitlist claim).
import { useWatch, type UseFormRegisterReturn, type UseFormReturn } from "react-hook-form";
import type { ConditionRule } from "@/lib/screening/conditions";
import { PAIN_AREA_LABEL, PAIN_AREAS, type IntakeInput } from "@/lib/validation/intake";

export interface IntakeFormValues {
  intake: IntakeInput;
  physicianId?: string;
}

export const choice =
  "flex cursor-pointer gap-3 rounded-xl border border-line bg-white p-3 has-[:checked]:border-sage-700 has-[:checked]:bg-sage-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-sage-600";

/** One screening question (a symptom or a condition) with why the clinic asks it. */
function ScreeningCheckbox({ rule, registration }: { rule: ConditionRule; registration: UseFormRegisterReturn }) {
  return (
    <label className={choice}>
      <input type="checkbox" className="mt-1 size-5 accent-sage-700" aria-describedby={`why-${rule.key}`} {...registration} />
      <span>
        <span className="block font-medium">{rule.label}</span>
        <span id={`why-${rule.key}`} className="block text-sm text-muted">
          Why we ask: {rule.why}
        </span>
      </span>
    </label>
  );
}

export function ErrorText({ id, message }: { id: string; message?: string }) {
  return (
    <p id={id} className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
      {message ?? ""}
    </p>
  );
}

/** Whether the answers (with the record) call for a physician: the server decides, this only says so ahead of time. */
export function needsPhysicianFor(
  conditionRules: readonly ConditionRule[],
  conditions: Partial<IntakeInput["conditions"]> | undefined,
  onRecord: ReadonlyArray<{ key: string }>,
  recordNeedsClearance: boolean,
): boolean {
  return (
    recordNeedsClearance ||
    conditionRules.some(
      (rule) =>
        rule.outcome === "clearance" &&
        rule.key !== "otherSerious" &&
        Boolean(conditions?.[rule.key as "diabetes"]) &&
        !onRecord.some((entry) => entry.key === rule.key),
    ) ||
    Boolean(conditions?.otherSerious?.trim())
  );
}

export interface IntakeFieldsProps {
  form: UseFormReturn<IntakeFormValues>;
  conditionRules: readonly ConditionRule[];
  /** Serious conditions on the patient's record: every booking is screened with them, ticked or not. */
  onRecord: Array<{ key: string; words: string; declaredAt: string }>;
  recordNeedsClearance: boolean;
  needsPhysician: boolean;
  physicians: Array<{ id: string; name: string; specialty: string }>;
  timeZone: string;
}

export function IntakeFields({ form, conditionRules, onRecord, recordNeedsClearance, needsPhysician, physicians, timeZone }: IntakeFieldsProps) {
  const { errors } = form.formState;
  const painLevel = useWatch({ control: form.control, name: "intake.painLevel" });
  return (
    <>
      <p className="text-muted">
        These questions keep you safe. Massage helps most back pain, but some conditions make it risky; your therapist
        reads your answers before the session.
      </p>
      <fieldset aria-describedby="painOnset-error">
        <legend className="mb-2 font-semibold">Is your back pain recent or chronic?</legend>
        <div className="flex flex-wrap gap-2">
          <label className={`${choice} items-center`}>
            <input type="radio" value="recent" className="size-5 accent-sage-700" {...form.register("intake.painOnset")} />
            Recent (weeks)
          </label>
          <label className={`${choice} items-center`}>
            <input type="radio" value="chronic" className="size-5 accent-sage-700" {...form.register("intake.painOnset")} />
            Chronic (three months or more)
          </label>
        </div>
        <ErrorText id="painOnset-error" message={errors.intake?.painOnset?.message} />
      </fieldset>

      <fieldset aria-describedby="painAreas-error">
        <legend className="mb-2 font-semibold">Where does it hurt?</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {PAIN_AREAS.map((area) => (
            <label key={area} className={`${choice} items-center`}>
              <input type="checkbox" value={area} className="size-5 accent-sage-700" {...form.register("intake.painAreas")} />
              {PAIN_AREA_LABEL[area]}
            </label>
          ))}
        </div>
        <ErrorText id="painAreas-error" message={errors.intake?.painAreas?.message ?? errors.intake?.painAreas?.[0]?.message} />
      </fieldset>

      <fieldset aria-describedby="painLevel-hint painLevel-error">
        <legend className="mb-1 font-semibold">How strong is the pain today?</legend>
        <p id="painLevel-hint" className="mb-2 text-sm text-muted">
          0 is no pain, 10 is the worst pain you can imagine.
        </p>
        <div className="grid grid-cols-6 gap-2 sm:grid-cols-11">
          {Array.from({ length: 11 }, (_, level) => (
            <label key={level} className={`${choice} items-center justify-center p-2`}>
              <input
                type="radio"
                name="painLevel"
                value={level}
                className="sr-only"
                checked={painLevel === level}
                onChange={() => form.setValue("intake.painLevel", level, { shouldValidate: true })}
              />
              {level}
            </label>
          ))}
        </div>
        <ErrorText id="painLevel-error" message={errors.intake?.painLevel?.message} />
      </fieldset>

      <fieldset>
        <legend className="mb-1 font-semibold">Today, do you have any of these?</legend>
        <p className="mb-2 text-sm text-muted">Tick any that apply. If you do, massage has to wait until you are well.</p>
        <div className="flex flex-col gap-2">
          {conditionRules
            .filter((rule) => rule.outcome === "refuse")
            .map((rule) => (
              <ScreeningCheckbox
                key={rule.key}
                rule={rule}
                registration={form.register(`intake.symptoms.${rule.key as "fever" | "contagiousIllness" | "acuteInjury"}`)}
              />
            ))}
        </div>
      </fieldset>

      {onRecord.length ? (
        <div className="rounded-xl border border-clay-700/30 bg-clay-50 p-3" role="note" aria-labelledby="on-record-heading">
          <p id="on-record-heading" className="font-semibold">
            On your health record
          </p>
          <ul className="mt-1 list-disc pl-5">
            {onRecord.map((entry) => (
              <li key={entry.key + entry.words}>
                You told us about {entry.words} on{" "}
                {new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone }).format(new Date(entry.declaredAt))}.
              </li>
            ))}
          </ul>
          <p className="mt-1 text-sm">
            It stays part of every booking until the clinic or your physician marks it resolved.{" "}
            {recordNeedsClearance
              ? "This time is held until your physician's clearance is approved."
              : "Your physician's approval covers the time you chose."}
          </p>
        </div>
      ) : null}

      <fieldset>
        <legend className="mb-1 font-semibold">Do you have any of these conditions?</legend>
        <p className="mb-2 text-sm text-muted">
          Tick any that apply. We reserve your time and confirm it once your physician&apos;s clearance is uploaded and approved.
        </p>
        <div className="flex flex-col gap-2">
          {conditionRules
            .filter((rule) => rule.outcome === "clearance" && rule.key !== "otherSerious")
            .map((rule) => (
              <ScreeningCheckbox
                key={rule.key}
                rule={rule}
                registration={form.register(`intake.conditions.${rule.key as "cardiovascular" | "cancer" | "diabetes" | "osteoporosis"}`)}
              />
            ))}
        </div>
        <div className="mt-3 flex flex-col gap-1">
          <label htmlFor="otherSerious" className="font-medium">
            Another serious medical condition (leave empty if none)
          </label>
          <input
            id="otherSerious"
            className="min-h-11 rounded-lg border border-muted/60 bg-white px-3 py-2"
            aria-describedby="otherSerious-error"
            {...form.register("intake.conditions.otherSerious")}
          />
          <ErrorText id="otherSerious-error" message={errors.intake?.conditions?.otherSerious?.message} />
        </div>
      </fieldset>

      {needsPhysician ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="physicianId" className="font-semibold">
            Which physician should review your clearance?
          </label>
          <p id="physicianId-hint" className="text-sm text-muted">
            They will see your answers and the clearance document, and decide whether massage is safe for you.
          </p>
          <select
            id="physicianId"
            className="min-h-11 rounded-lg border border-muted/60 bg-white px-3 py-2"
            aria-describedby="physicianId-hint physicianId-error"
            aria-invalid={errors.physicianId ? true : undefined}
            {...form.register("physicianId", { setValueAs: (v: string) => v || undefined })}
          >
            <option value="">Choose a physician</option>
            {physicians.map((physician) => (
              <option key={physician.id} value={physician.id}>
                {physician.name}
                {physician.specialty ? ` (${physician.specialty})` : ""}
              </option>
            ))}
          </select>
          <ErrorText id="physicianId-error" message={errors.physicianId?.message} />
        </div>
      ) : null}

      <div className="flex flex-col gap-1">
        <label htmlFor="notes" className="font-medium">
          Anything else your therapist should know? (optional)
        </label>
        <textarea id="notes" rows={3} className="rounded-lg border border-muted/60 bg-white px-3 py-2" {...form.register("intake.notes")} />
      </div>
    </>
  );
}
