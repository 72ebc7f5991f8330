"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { decideAction } from "@/app/physician/clearances/[id]/actions";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { decisionSchema } from "@/lib/validation/clearance";

type FormIn = z.input<typeof decisionSchema>;
type FormOut = z.output<typeof decisionSchema>;

interface Props {
  clearanceId: string;
  massageTypes: Array<{ slug: string; name: string }>;
  defaultValidUntil: string;
  hasDocument: boolean;
}

const choice =
  "flex cursor-pointer items-center gap-3 rounded-xl border border-line bg-white p-3 has-[:checked]:border-sage-700 has-[:checked]:bg-sage-50";

export function DecisionForm({ clearanceId, massageTypes, defaultValidUntil, hasDocument }: Props) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(decisionSchema),
    defaultValues: { decision: undefined, restrictions: { text: "", excludedMassageTypes: [] }, validUntil: defaultValidUntil, reason: "" },
  });
  const { errors } = form.formState;
  const decision = useWatch({ control: form.control, name: "decision" });

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
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
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
                  No {type.name.toLowerCase()}
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
