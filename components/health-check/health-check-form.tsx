"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { answerHealthCheckAction } from "@/app/appointments/[id]/health-check-actions";
import { ErrorText, choice } from "@/components/booking/intake-fields";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { conditionRule } from "@/lib/screening/conditions";
import { HEALTH_CHECK_KEYS, healthCheckFormSchema } from "@/lib/validation/health-check";

type FormIn = z.input<typeof healthCheckFormSchema>;
type FormOut = z.output<typeof healthCheckFormSchema>;

/** The three day-before questions, each a required yes or no (never ticked for the patient). */
export function HealthCheckForm({ appointmentId }: { appointmentId: string }) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(healthCheckFormSchema) });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((answers) =>
    startTransition(async () => {
      const result = await answerHealthCheckAction(appointmentId, answers);
      setMessage(result?.message);
      applyServerErrors(form, result?.fields);
    }),
  );

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="flex flex-col gap-4">
      {HEALTH_CHECK_KEYS.map((key) => {
        const rule = conditionRule(key);
        const error = errors[key]?.message;
        return (
          <fieldset key={key} aria-describedby={`hc-why-${key} hc-${key}-error`}>
            <legend className="font-semibold">
              {rule.question.charAt(0).toUpperCase() + rule.question.slice(1)}
            </legend>
            <p id={`hc-why-${key}`} className="mb-2 text-sm text-muted">
              {rule.label}. {rule.why}
            </p>
            <div className="flex flex-wrap gap-2">
              {(["yes", "no"] as const).map((value) => (
                <label key={value} className={`${choice} min-w-24`}>
                  <input type="radio" value={value} className="size-5 accent-sage-700" {...form.register(key)} />
                  <span className="font-medium">{value === "yes" ? "Yes" : "No"}</span>
                </label>
              ))}
            </div>
            <ErrorText id={`hc-${key}-error`} message={error} />
          </fieldset>
        );
      })}
      <p className="text-sm text-muted">
        If any answer is yes, massage has to wait: your appointment is cancelled without charge, whatever the cancellation notice.
      </p>
      <Alert tone="error">{message}</Alert>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Sending…" : "Send my answers"}
        </Button>
      </div>
    </form>
  );
}
