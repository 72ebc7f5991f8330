"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { decideAction } from "@/app/physician/clearances/[id]/actions";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { restrictionMismatch } from "@/lib/appointments/coverage";
import { decisionSchema } from "@/lib/validation/clearance";

type FormIn = z.input<typeof decisionSchema>;
type FormOut = z.output<typeof decisionSchema>;

export interface UpcomingVisit {
  id: string;
  /** "Tuesday 10 March 2026, 10:00" in the clinic's zone. */
  when: string;
  /** The appointment's local date (YYYY-MM-DD), compared with "valid until". */
  localDate: string;
  massageType: string;
  massageTypeName: string;
  duration: number;
}

interface Props {
  clearanceId: string;
  massageTypes: Array<{ slug: string; name: string; inSentence: string }>;
  defaultValidUntil: string;
  hasDocument: boolean;
  /** The patient's upcoming appointments: the form shows which the chosen restrictions would affect. */
  upcoming: UpcomingVisit[];
}

const FIELD_WORDS = { massageType: "massage type", duration: "length" } as const;

/** Which upcoming appointments an approval with these restrictions would hold for a change, or not cover at all. */
function affected(upcoming: UpcomingVisit[], restrictions: { excludedMassageTypes?: string[]; maxDurationMinutes?: number }, validUntil?: string) {
  const terms = { excludedMassageTypes: restrictions.excludedMassageTypes ?? [], maxDurationMinutes: restrictions.maxDurationMinutes ?? null };
  return upcoming.flatMap((visit) => {
    const beyond = Boolean(validUntil) && visit.localDate > validUntil!;
    const mismatch = beyond ? [] : restrictionMismatch(terms, visit);
    if (!beyond && mismatch.length === 0) return [];
    return [{ visit, why: beyond ? "after the approval ends: it is not covered" : `its ${mismatch.map((field) => FIELD_WORDS[field]).join(" and ")} does not fit: it will be held until the patient changes it` }];
  });
}

const choice =
  "flex cursor-pointer items-center gap-3 rounded-xl border border-line bg-white p-3 has-[:checked]:border-sage-700 has-[:checked]:bg-sage-50";

export function DecisionForm({ clearanceId, massageTypes, defaultValidUntil, hasDocument, upcoming }: Props) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(decisionSchema),
    defaultValues: { decision: undefined, restrictions: { text: "", excludedMassageTypes: [] }, validUntil: defaultValidUntil, reason: "" },
  });
  const { errors } = form.formState;
  const [decision, restrictions, validUntil] = useWatch({ control: form.control, name: ["decision", "restrictions", "validUntil"] });
  const affects = decision === "approve" ? affected(upcoming, restrictions ?? {}, validUntil) : [];

  const submit = form.handleSubmit(() => {
    setMessage(undefined);
    startTransition(async () => {
      const values = form.getValues();
      const input =
        values.decision === "decline"
          ? { decision: "decline", reason: values.reason }
          : { decision: "approve", restrictions: values.restrictions, validUntil: values.validUntil };
      const result = await decideAction(clearanceId, input);
      if (!result) return;
      setMessage(result.message);
      applyServerErrors(form, result.fields);
    });
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="flex flex-col gap-4">
      <Alert tone="error">{message}</Alert>
      {!hasDocument ? (
        <p className="rounded-lg bg-clay-50 p-3 text-sm text-clay-700">
          No clearance document yet: you can decide once the patient or you have uploaded one.
        </p>
      ) : null}
      <fieldset aria-describedby="decision-error">
        <legend className="mb-2 font-semibold">Your decision</legend>
        <div className="flex flex-wrap gap-2">
          <label className={choice}>
            <input type="radio" value="approve" className="size-5 accent-sage-700" disabled={!hasDocument} {...form.register("decision")} />
            Approve massage
          </label>
          <label className={choice}>
            <input type="radio" value="decline" className="size-5 accent-sage-700" disabled={!hasDocument} {...form.register("decision")} />
            Decline
          </label>
        </div>
        <p id="decision-error" className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
          {errors.decision?.message ?? ""}
        </p>
      </fieldset>

      {decision === "approve" ? (
        <>
          <div className="flex flex-col gap-1">
            <label htmlFor="restriction-text" className="font-semibold">
              Restrictions the therapist must follow (optional)
            </label>
            <textarea
              id="restriction-text"
              rows={3}
              placeholder="e.g. avoid lumbar pressure"
              className="rounded-lg border border-muted/60 bg-white px-3 py-2"
              {...form.register("restrictions.text")}
            />
          </div>
          <fieldset>
            <legend className="mb-2 font-semibold">Massage types not allowed</legend>
            <div className="flex flex-wrap gap-2">
              {massageTypes.map((type) => (
                <label key={type.slug} className={choice}>
                  <input type="checkbox" value={type.slug} className="size-5 accent-sage-700" {...form.register("restrictions.excludedMassageTypes")} />
                  No {type.inSentence}
                </label>
              ))}
            </div>
            <p className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
              {errors.restrictions?.excludedMassageTypes?.message ?? ""}
            </p>
          </fieldset>
          <div className="flex flex-col gap-1">
            <label htmlFor="max-duration" className="font-semibold">
              Longest session allowed
            </label>
            <select
              id="max-duration"
              className="min-h-11 rounded-lg border border-muted/60 bg-white px-3 py-2"
              {...form.register("restrictions.maxDurationMinutes", { setValueAs: (v) => (v ? Number(v) : undefined) })}
            >
              <option value="">No limit</option>
              <option value="30">30 minutes</option>
              <option value="60">60 minutes</option>
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="valid-until" className="font-semibold">
              Valid until
            </label>
            <input
              id="valid-until"
              type="date"
              aria-describedby="valid-until-error"
              className="min-h-11 rounded-lg border border-muted/60 bg-white px-3 py-2"
              {...form.register("validUntil")}
            />
            <p id="valid-until-error" className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
              {errors.validUntil?.message ?? ""}
            </p>
          </div>
        </>
      ) : null}

      {decision === "approve" ? (
        <div aria-live="polite" className="rounded-xl border border-line bg-sage-50 p-3">
          <p className="font-semibold">The patient&apos;s upcoming appointments</p>
          {upcoming.length === 0 ? (
            <p className="text-sm text-muted">None booked.</p>
          ) : affects.length === 0 ? (
            <p className="text-sm">All {upcoming.length} fit this approval; they are confirmed with these restrictions attached.</p>
          ) : (
            <ul className="mt-1 list-disc pl-5 text-sm text-clay-700">
              {affects.map(({ visit, why }) => (
                <li key={visit.id}>
                  {visit.massageTypeName}, {visit.duration} minutes, {visit.when}: {why}.
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}

      {decision === "decline" ? (
        <div className="flex flex-col gap-1">
          <label htmlFor="reason" className="font-semibold">
            Reason for the patient
          </label>
          <textarea
            id="reason"
            rows={3}
            aria-describedby="reason-error"
            className="rounded-lg border border-muted/60 bg-white px-3 py-2"
            {...form.register("reason")}
          />
          <p id="reason-error" className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
            {errors.reason?.message ?? ""}
          </p>
        </div>
      ) : null}

      <div>
        <Button type="submit" disabled={pending || !decision}>
          {pending ? "Saving…" : decision === "decline" ? "Decline clearance" : "Approve clearance"}
        </Button>
      </div>
    </form>
  );
}
