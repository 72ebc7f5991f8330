"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { saveNoteAction } from "@/app/therapist/appointments/[id]/actions";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CHANGE_WORDS, sessionNoteSchema, type SessionNoteFormValues, type SessionNoteInput } from "@/lib/validation/notes";

const SOAP = [
  ["subjective", "Subjective", "What the patient tells you: pain, sleep, daily life."],
  ["objective", "Objective", "What you found: tissue, range of motion, posture."],
  ["assessment", "Assessment", "Your judgement of how it goes."],
  ["plan", "Plan", "What comes next: frequency, exercises, referral."],
] as const;

const SCORES = [
  ["painBefore", "Pain before the session (0–10)"],
  ["painAfter", "Pain after the session (0–10)"],
] as const;

const CHANGES = [
  ["sleepChange", "Sleep since the last session"],
  ["moodChange", "Mood since the last session"],
] as const;

const inputClass = "rounded-lg border border-muted/60 bg-white px-3 py-2 text-base aria-invalid:border-danger-700";
const toNumber = (value: unknown) => (value === "" || value === null || value === undefined ? undefined : Number(value));
const toChange = (value: unknown) => (value === "" || value === null || value === undefined ? null : Number(value));

export function SessionNoteForm({ appointmentId, initial }: { appointmentId: string; initial: SessionNoteFormValues | null }) {
  const router = useRouter();
  const [result, setResult] = useState<{ ok?: boolean; message?: string }>();
  const [pending, startTransition] = useTransition();
  const form = useForm<SessionNoteFormValues, unknown, SessionNoteInput>({
    resolver: zodResolver(sessionNoteSchema),
    defaultValues: initial ?? { subjective: "", objective: "", assessment: "", plan: "", sleepChange: null, moodChange: null },
  });
  const { errors } = form.formState;

  const submit = form.handleSubmit((values) => {
    setResult(undefined);
    startTransition(async () => {
      const answer = await saveNoteAction(appointmentId, values);
      setResult(answer);
      applyServerErrors(form, answer.fields);
      if (answer.ok) router.refresh();
    });
  });

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="flex flex-col gap-4" aria-label="Session notes">
      {SOAP.map(([name, label, hint]) => (
        <div key={name} className="flex flex-col gap-1">
          <label htmlFor={`note-${name}`} className="font-semibold">
            {label}
          </label>
          <p id={`note-${name}-hint`} className="text-sm text-muted">
            {hint}
          </p>
          <textarea
            id={`note-${name}`}
            rows={3}
            className={inputClass}
            aria-invalid={errors[name] ? true : undefined}
            aria-describedby={`note-${name}-hint note-${name}-error`}
            {...form.register(name)}
          />
          <p id={`note-${name}-error`} className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
            {errors[name]?.message ?? ""}
          </p>
        </div>
      ))}
      <div className="grid gap-4 sm:grid-cols-2">
        {SCORES.map(([name, label]) => (
          <div key={name} className="flex flex-col gap-1">
            <label htmlFor={`note-${name}`} className="font-semibold">
              {label}
            </label>
            <input
              id={`note-${name}`}
              type="number"
              inputMode="numeric"
              min={0}
              max={10}
              step={1}
              className={`min-h-11 ${inputClass}`}
              aria-invalid={errors[name] ? true : undefined}
              aria-describedby={`note-${name}-error`}
              {...form.register(name, { setValueAs: toNumber })}
            />
            <p id={`note-${name}-error`} className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
              {errors[name]?.message ?? ""}
            </p>
          </div>
        ))}
        {CHANGES.map(([name, label]) => (
          <div key={name} className="flex flex-col gap-1">
            <label htmlFor={`note-${name}`} className="font-semibold">
              {label} <span className="font-normal text-muted">(optional)</span>
            </label>
            <select
              id={`note-${name}`}
              className={`min-h-11 ${inputClass}`}
              aria-invalid={errors[name] ? true : undefined}
              aria-describedby={`note-${name}-error`}
              {...form.register(name, { setValueAs: toChange })}
            >
              <option value="">Not asked</option>
              {["2", "1", "0", "-1", "-2"].map((value) => (
                <option key={value} value={value}>
                  {CHANGE_WORDS[value]}
                </option>
              ))}
            </select>
            <p id={`note-${name}-error`} className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
              {errors[name]?.message ?? ""}
            </p>
          </div>
        ))}
      </div>
      <Alert tone={result?.ok ? "info" : "error"}>{result?.message}</Alert>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : initial ? "Update notes" : "Save notes"}
        </Button>
      </div>
    </form>
  );
}
