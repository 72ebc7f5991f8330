"use client";

import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { joinAction } from "@/app/waitlist/actions";
import { choice, ErrorText } from "@/components/booking/intake-fields";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

interface Values {
  massageType: string;
  duration: string;
  therapistId: string;
  from: string;
  to: string;
  days: string[];
  earliest: string;
  latest: string;
}

export interface JoinFormProps {
  massageTypes: Array<{ slug: string; name: string; durations: number[] }>;
  therapists: Array<{ id: string; name: string; massageTypes: string[] }>;
  initial: { massageType?: string; duration?: number; therapistId?: string; from: string; to: string };
  /** The last day the clinic takes bookings for (YYYY-MM-DD). */
  lastDay: string;
  timeZone: string;
}

const input = "min-h-11 rounded-lg border border-muted/60 bg-white px-3 py-2 text-base aria-invalid:border-danger-700";

export function JoinWaitlistForm({ massageTypes, therapists, initial, lastDay, timeZone }: JoinFormProps) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<Values>({
    defaultValues: {
      massageType: initial.massageType ?? "",
      duration: initial.duration ? String(initial.duration) : "",
      therapistId: initial.therapistId ?? "",
      from: initial.from,
      to: initial.to,
      days: [],
      earliest: "",
      latest: "",
    },
  });
  const { errors } = form.formState;
  const [massageType] = useWatch({ control: form.control, name: ["massageType"] });
  const type = massageTypes.find((candidate) => candidate.slug === massageType);
  const offering = therapists.filter((therapist) => massageType && therapist.massageTypes.includes(massageType));

  const submit = form.handleSubmit((values) => {
    setMessage(undefined);
    startTransition(async () => {
      const result = await joinAction({
        massageType: values.massageType || undefined,
        duration: values.duration ? Number(values.duration) : undefined,
        therapistId: values.therapistId || undefined,
        from: values.from,
        to: values.to,
        days: values.days.length ? values.days.map(Number) : undefined,
        earliest: values.earliest || undefined,
        latest: values.latest || undefined,
      });
      if (!result) return;
      if (result.outcome === "invalid") {
        setMessage(result.message);
        applyServerErrors(form, result.fields);
      }
    });
  });

  const described = (name: keyof Values, hint?: string) => ({
    "aria-describedby": [hint, `${name}-error`].filter(Boolean).join(" "),
    "aria-invalid": errors[name] ? true : undefined,
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Card className="flex flex-col gap-5">
        {message ? <Alert tone="error">{message}</Alert> : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="flex flex-col gap-1">
            <label htmlFor="massageType" className="font-semibold">
              Massage
            </label>
            <select id="massageType" className={input} {...described("massageType")} {...form.register("massageType")}>
              <option value="">Choose a massage</option>
              {massageTypes.map((option) => (
                <option key={option.slug} value={option.slug}>
                  {option.name}
                </option>
              ))}
            </select>
            <ErrorText id="massageType-error" message={errors.massageType?.message} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="duration" className="font-semibold">
              Length
            </label>
            <select id="duration" className={input} {...described("duration")} {...form.register("duration")}>
              <option value="">Choose a length</option>
              {(type?.durations ?? [30, 60, 90]).map((minutes) => (
                <option key={minutes} value={minutes}>
                  {minutes} minutes
                </option>
              ))}
            </select>
            <ErrorText id="duration-error" message={errors.duration?.message} />
          </div>
        </div>

        <div className="flex flex-col gap-1">
          <label htmlFor="therapistId" className="font-semibold">
            Therapist
          </label>
          <select id="therapistId" className={input} {...described("therapistId")} {...form.register("therapistId")}>
            <option value="">Any therapist{type ? ` who offers ${type.name}` : ""}</option>
            {offering.map((therapist) => (
              <option key={therapist.id} value={therapist.id}>
                {therapist.name}
              </option>
            ))}
          </select>
          <ErrorText id="therapistId-error" message={errors.therapistId?.message} />
        </div>

        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 font-semibold">Which days could you come?</legend>
          <div className="flex flex-col gap-1">
            <label htmlFor="from" className="font-medium">
              From
            </label>
            <input id="from" type="date" min={initial.from} max={lastDay} className={input} {...described("from")} {...form.register("from")} />
            <ErrorText id="from-error" message={errors.from?.message} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="to" className="font-medium">
              Until
            </label>
            <input id="to" type="date" min={initial.from} max={lastDay} className={input} {...described("to")} {...form.register("to")} />
            <ErrorText id="to-error" message={errors.to?.message} />
          </div>
        </fieldset>

        <fieldset aria-describedby="days-hint days-error">
          <legend className="font-semibold">Which weekdays suit you?</legend>
          <p id="days-hint" className="mb-2 text-sm text-muted">
            Leave all unticked if any day suits you.
          </p>
          <div className="grid grid-cols-4 gap-2 sm:grid-cols-7">
            {WEEKDAYS.map((label, index) => (
              <label key={label} className={`${choice} items-center justify-center p-2`}>
                <input type="checkbox" value={index + 1} className="size-5 accent-sage-700" {...form.register("days")} />
                {label}
              </label>
            ))}
          </div>
          <ErrorText id="days-error" message={errors.days?.message ?? (errors as Record<string, { message?: string }>)["days.0"]?.message} />
        </fieldset>

        <fieldset className="grid gap-4 sm:grid-cols-2" aria-describedby="times-hint">
          <legend className="font-semibold">Which times suit you?</legend>
          <p id="times-hint" className="text-sm text-muted sm:col-span-2">
            In the clinic&apos;s time ({timeZone}). Leave empty for any time the clinic is open.
          </p>
          <div className="flex flex-col gap-1">
            <label htmlFor="earliest" className="font-medium">
              Not before
            </label>
            <input id="earliest" type="time" step={1800} className={input} {...described("earliest")} {...form.register("earliest")} />
            <ErrorText id="earliest-error" message={errors.earliest?.message} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="latest" className="font-medium">
              Finished by
            </label>
            <input id="latest" type="time" step={1800} className={input} {...described("latest")} {...form.register("latest")} />
            <ErrorText id="latest-error" message={errors.latest?.message} />
          </div>
        </fieldset>

        <p className="text-sm text-muted">
          When a time like this frees up, the patient who has waited longest is offered it by mail and on their page, and has a
          while to claim it before it goes to the next.
        </p>
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? "Joining…" : "Join the waitlist"}
          </Button>
        </div>
      </Card>
    </form>
  );
}
