"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useEffect, useRef, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { claimAction, declineAction, type WaitlistActionResult } from "@/app/waitlist/actions";
import { IntakeFields, needsPhysicianFor } from "@/components/booking/intake-fields";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ConditionRule } from "@/lib/screening/conditions";
import { waitlistClaimSchema } from "@/lib/validation/waitlist";

type FormIn = z.input<typeof waitlistClaimSchema>;
type FormOut = z.output<typeof waitlistClaimSchema>;

export interface ClaimFormProps {
  offerId: string;
  start: string;
  physicians: Array<{ id: string; name: string; specialty: string }>;
  conditionRules: readonly ConditionRule[];
  onRecord: Array<{ key: string; words: string; declaredAt: string }>;
  recordCoveredUntil?: string;
  defaultPhysicianId?: string;
  timeZone: string;
}

export function ClaimOfferForm({ offerId, start, physicians, conditionRules, onRecord, recordCoveredUntil, defaultPhysicianId, timeZone }: ClaimFormProps) {
  const [outcome, setOutcome] = useState<WaitlistActionResult | { outcome: "declined"; message?: string }>();
  const [pending, startTransition] = useTransition();
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(waitlistClaimSchema),
    defaultValues: {
      physicianId: defaultPhysicianId,
      intake: {
        painOnset: undefined,
        painAreas: [],
        painLevel: undefined,
        symptoms: { fever: false, contagiousIllness: false, acuteInjury: false },
        conditions: {
          cardiovascular: onRecord.some((entry) => entry.key === "cardiovascular"),
          cancer: onRecord.some((entry) => entry.key === "cancer"),
          diabetes: onRecord.some((entry) => entry.key === "diabetes"),
          osteoporosis: onRecord.some((entry) => entry.key === "osteoporosis"),
          otherSerious: "",
        },
        notes: "",
      },
    },
  });
  // The outcome's heading takes the focus, so screen readers announce it.
  useEffect(() => {
    if (outcome && outcome.outcome !== "invalid") heading.current?.focus();
  }, [outcome]);
  const conditions = useWatch({ control: form.control, name: "intake.conditions" });
  const recordNeedsClearance = onRecord.length > 0 && !(recordCoveredUntil && new Date(start) < new Date(recordCoveredUntil));
  const needsPhysician = needsPhysicianFor(conditionRules, conditions, onRecord, recordNeedsClearance);

  const submit = form.handleSubmit(
    () => {
      setOutcome(undefined);
      startTransition(async () => {
        // The server parses the same schema itself: it gets the raw answers.
        const result = await claimAction(offerId, form.getValues());
        if (!result) return;
        setOutcome(result);
        if (result.outcome === "invalid") applyServerErrors(form, result.fields);
      });
    },
    () => setOutcome({ outcome: "invalid", message: "Some answers need another look." }),
  );

  if (outcome?.outcome === "gone") {
    return (
      <Card>
        <h2 ref={heading} tabIndex={-1} className="text-xl font-semibold text-sage-800">
          {outcome.appointmentId ? "You have this time already" : "This time has gone"}
        </h2>
        <p className="mt-2">{outcome.message}</p>
        <p className="mt-3">
          <Link
            href={outcome.appointmentId ? `/appointments/${outcome.appointmentId}` : "/patient#waitlist"}
            className="font-semibold text-sage-800 underline underline-offset-4"
          >
            {outcome.appointmentId ? "See your appointment" : "See your waitlist"}
          </Link>
        </p>
      </Card>
    );
  }
  if (outcome?.outcome === "refused") {
    return (
      <Card>
        <h2 ref={heading} tabIndex={-1} className="text-xl font-semibold text-danger-700">
          We cannot book a massage for you right now
        </h2>
        <ul className="mt-3 flex flex-col gap-3">
          {outcome.reasons.map((reason) => (
            <li key={reason.key} className="rounded-lg border border-danger-700/30 bg-danger-50 p-3">
              <p className="font-semibold">{reason.label}</p>
              <p className="text-sm">{reason.why}</p>
            </li>
          ))}
        </ul>
        <p className="mt-4">Nothing has been booked. The offer stays yours until it ends; you can let it pass so the next person can have it.</p>
        <div className="mt-4">
          <Button type="button" variant="secondary" onClick={() => setOutcome(undefined)}>
            Change my answers
          </Button>
        </div>
      </Card>
    );
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="flex flex-col gap-4">
      <Card>
        <h2 ref={heading} tabIndex={-1} className="mb-4 text-xl font-semibold text-sage-800">
          Your health today
        </h2>
        {outcome?.outcome === "invalid" && outcome.message ? <Alert tone="error">{outcome.message}</Alert> : null}
        {outcome?.outcome === "declined" && outcome.message ? <Alert tone="error">{outcome.message}</Alert> : null}
        <div className="flex flex-col gap-5">
          <IntakeFields
            form={form}
            conditionRules={conditionRules}
            onRecord={onRecord}
            recordNeedsClearance={recordNeedsClearance}
            needsPhysician={needsPhysician}
            physicians={physicians}
            timeZone={timeZone}
          />
        </div>
        <p className="mt-4 text-sm text-muted">
          {needsPhysician
            ? "Because of the condition you told us about, this time is held for you until a physician's approval covers it."
            : "If nothing in your answers needs a physician's view, your appointment is confirmed at once."}
        </p>
        <div className="mt-6 flex flex-wrap justify-between gap-3">
          <Button
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await declineAction(offerId);
                setOutcome({ outcome: "declined", message: result?.message });
              })
            }
          >
            Let this time pass
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Claiming…" : "Claim this time"}
          </Button>
        </div>
      </Card>
    </form>
  );
}
