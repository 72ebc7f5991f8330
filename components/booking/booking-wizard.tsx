"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { useForm, useWatch, type FieldPath, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { bookAction, type BookActionResult } from "@/app/book/actions";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { ConditionRule } from "@/lib/screening/conditions";
import { bookingSchema } from "@/lib/validation/booking";
import { choice, ErrorText, IntakeFields, needsPhysicianFor, type IntakeFormValues } from "./intake-fields";
import { CallTheClinic } from "@/components/layout/clinic-contact";
import { freeToCancelUntil, holdCutoffAt } from "@/lib/appointments/deadlines";
import type { ClinicContact } from "@/lib/clinic-contact";
import { SlotPicker, type PickedSlot } from "./slot-picker";

type FormIn = z.input<typeof bookingSchema>;
type FormOut = z.output<typeof bookingSchema>;

export interface WizardProps {
  massageTypes: Array<{ slug: string; name: string; summary: string; description: string; durations: number[] }>;
  therapists: Array<{ id: string; name: string; bio: string; massageTypes: string[] }>;
  physicians: Array<{ id: string; name: string; specialty: string }>;
  conditionRules: readonly ConditionRule[];
  /** Serious conditions on the patient's record: every booking is screened with them, ticked or not. */
  onRecord: Array<{ key: string; words: string; declaredAt: string }>;
  /** Until when the patient's approvals cover every condition on the record: a time before it needs no new clearance. */
  recordCoveredUntil?: string;
  /** Who reviewed the patient's last clearance: the physician offered first. */
  defaultPhysicianId?: string;
  timeZone: string;
  /** Hours before the start by which a held appointment's clearance must be approved. */
  holdCutoffHours: number;
  /** How many days ahead the clinic takes bookings: the calendar offers all of them. */
  bookingHorizonDays: number;
  /** Hours before the start until which the patient may cancel or move online. */
  cancellationNoticeHours: number;
  /** Who to call after that. */
  clinic: ClinicContact;
}

const STEPS = ["Massage", "Therapist", "Day and time", "Your health", "Review"] as const;
const STEP_FIELDS: Array<Array<FieldPath<FormIn>>> = [
  ["massageType", "duration"],
  [],
  ["start", "therapistId"],
  ["intake", "physicianId"],
  [],
];

export function BookingWizard({
  massageTypes,
  therapists,
  physicians,
  conditionRules,
  onRecord,
  recordCoveredUntil,
  defaultPhysicianId,
  timeZone,
  holdCutoffHours,
  bookingHorizonDays,
  cancellationNoticeHours,
  clinic,
}: WizardProps) {
  const [step, setStep] = useState(0);
  const [therapistChoice, setTherapistChoice] = useState<string>("any");
  const [slot, setSlot] = useState<PickedSlot>();
  const [outcome, setOutcome] = useState<BookActionResult>();
  const [pending, startTransition] = useTransition();
  // One key for this form's booking, so a retried submit cannot book twice.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  // When the form opened: the earliest time a held booking may take is counted from it (the server re-checks).
  const [openedAt] = useState(() => Date.now());
  const heading = useRef<HTMLHeadingElement>(null);

  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(bookingSchema),
    shouldUnregister: false,
    defaultValues: {
      massageType: undefined,
      duration: undefined,
      physicianId: defaultPhysicianId,
      intake: {
        painOnset: undefined,
        painAreas: [],
        painLevel: undefined,
        symptoms: { fever: false, contagiousIllness: false, acuteInjury: false },
        // What is on the record starts ticked: it is part of this booking either way.
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
  const { errors } = form.formState;
  const [massageType, duration, conditions] = useWatch({
    control: form.control,
    name: ["massageType", "duration", "intake.conditions"],
  });
  const type = massageTypes.find((candidate) => candidate.slug === massageType);
  const offering = useMemo(() => therapists.filter((t) => massageType && t.massageTypes.includes(massageType)), [therapists, massageType]);
  const therapistNames = useMemo(() => Object.fromEntries(therapists.map((t) => [t.id, t.name])), [therapists]);
  // A condition on the record is screened with every booking (the server decides; this only says so ahead of time).
  const recordNeedsClearance = onRecord.length > 0 && !(recordCoveredUntil && slot && new Date(slot.start) < new Date(recordCoveredUntil));
  const needsPhysician = needsPhysicianFor(conditionRules, conditions, onRecord, recordNeedsClearance);


  // Move focus to the new step's heading so screen readers announce it; not on first load.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [step, outcome?.outcome]);

  // A new type, length or therapist means the picked time may no longer fit.
  // The form library's store is outside React: an effect is the place to reset it.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- cleared together with the form's own field
    setSlot(undefined);
    form.resetField("start");
  }, [massageType, duration, therapistChoice, form]);

  useEffect(() => {
    if (type && duration && !type.durations.includes(Number(duration))) form.resetField("duration");
  }, [type, duration, form]);

  function pickSlot(picked: PickedSlot) {
    setSlot(picked);
    form.setValue("start", picked.start, { shouldValidate: true });
    form.setValue("therapistId", picked.therapistId, { shouldValidate: true });
  }

  // With a serious condition, the physician needs until the cut-off: earlier times cannot be held.
  const earliestHeldStart = needsPhysician ? new Date(openedAt + holdCutoffHours * 3_600_000) : undefined;
  const heldTooSoon = `Your physician needs time to clear this massage: choose a time at least ${holdCutoffHours} hours from now.`;

  async function next() {
    const valid = await form.trigger(STEP_FIELDS[step], { shouldFocus: true });
    if (!valid) return;
    if (step === 3 && slot && earliestHeldStart && new Date(slot.start) < earliestHeldStart) {
      setSlot(undefined);
      form.resetField("start");
      form.setError("start", { type: "held", message: heldTooSoon });
      setStep(2);
      return;
    }
    setStep((current) => Math.min(current + 1, STEPS.length - 1));
  }

  const submit = form.handleSubmit(
    () => {
      setOutcome(undefined);
      startTransition(async () => {
        // The server parses the same schema itself, so it gets the raw answers, not the client's parsed copy.
        const result = await bookAction(form.getValues(), idempotencyKey);
        if (!result) return;
        setOutcome(result);
        if (result.outcome === "slot_taken") {
          setSlot(undefined);
          form.resetField("start");
          setStep(2);
        }
        if (result.outcome === "invalid") {
          applyServerErrors(form, result.fields);
          const first = Object.keys(result.fields ?? {})[0] ?? "";
          setStep(first.startsWith("intake") || first === "physicianId" ? 3 : first === "start" ? 2 : step);
        }
      });
    },
    () => {
      setOutcome({ outcome: "invalid", message: "Some answers need another look." });
    },
  );

  if (outcome?.outcome === "refused") {
    return (
      <Card>
        <h2 ref={heading} tabIndex={-1} className="text-xl font-semibold text-danger-700">
          We cannot book a massage for you right now
        </h2>
        <p className="mt-2">Your answers show something that makes massage unsafe at the moment:</p>
        <ul className="mt-3 flex flex-col gap-3">
          {outcome.reasons.map((reason) => (
            <li key={reason.key} className="rounded-lg border border-danger-700/30 bg-danger-50 p-3">
              <p className="font-semibold">{reason.label}</p>
              <p className="text-sm">{reason.why}</p>
            </li>
          ))}
        </ul>
        <p className="mt-4">
          Massage is not advisable while this lasts. Nothing has been booked and no time is held for you. Please book again
          once you have recovered.
        </p>
        <div className="mt-4 flex flex-wrap gap-3">
          <Link href="/self-care" className="font-semibold text-sage-800 underline underline-offset-4">
            Gentle neck and shoulder self-care in the meantime
          </Link>
          <Button
            variant="secondary"
            onClick={() => {
              setOutcome(undefined);
              setStep(3);
            }}
          >
            Change my answers
          </Button>
        </div>
      </Card>
    );
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="flex flex-col gap-4">
      <nav aria-label="Booking steps">
        <ol className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {STEPS.map((label, index) => (
            <li key={label} aria-current={index === step ? "step" : undefined} className={index === step ? "font-bold text-sage-800" : "text-muted"}>
              {index + 1}. {label}
            </li>
          ))}
        </ol>
      </nav>

      <Card>
        <h2 ref={heading} tabIndex={-1} className="mb-4 text-xl font-semibold text-sage-800">
          Step {step + 1} of {STEPS.length}: {STEPS[step]}
        </h2>

        {outcome?.outcome === "invalid" && outcome.message ? <Alert tone="error">{outcome.message}</Alert> : null}

        <div hidden={step !== 0} className="flex flex-col gap-4">
          <fieldset aria-describedby="massageType-error">
            <legend className="mb-2 font-semibold">Which massage?</legend>
            <div className="flex flex-col gap-2">
              {massageTypes.map((option) => (
                <label key={option.slug} className={choice}>
                  <input type="radio" value={option.slug} className="mt-1 size-5 accent-sage-700" {...form.register("massageType")} />
                  <span>
                    <span className="block font-semibold">{option.name}</span>
                    <span className="block text-sm">{option.summary}</span>
                    <span className="block text-sm text-muted">{option.description}</span>
                  </span>
                </label>
              ))}
            </div>
            <ErrorText id="massageType-error" message={errors.massageType?.message} />
          </fieldset>
          <fieldset aria-describedby="duration-error">
            <legend className="mb-2 font-semibold">How long?</legend>
            <div className="flex flex-wrap gap-2">
              {(type?.durations ?? [30, 60, 90]).map((minutes) => (
                <label key={minutes} className={`${choice} items-center`}>
                  <input
                    type="radio"
                    name="duration"
                    value={minutes}
                    className="size-5 accent-sage-700"
                    disabled={!type}
                    checked={Number(duration) === minutes}
                    onChange={() => form.setValue("duration", minutes, { shouldValidate: true })}
                  />
                  {minutes} minutes
                </label>
              ))}
            </div>
            {!type ? <p className="mt-1 text-sm text-muted">Choose a massage first.</p> : null}
            <ErrorText id="duration-error" message={errors.duration?.message} />
          </fieldset>
        </div>

        <div hidden={step !== 1}>
          <fieldset>
            <legend className="mb-2 font-semibold">Who should treat you?</legend>
            <div className="flex flex-col gap-2">
              <label className={choice}>
                <input
                  type="radio"
                  name="therapist"
                  className="mt-1 size-5 accent-sage-700"
                  checked={therapistChoice === "any"}
                  onChange={() => setTherapistChoice("any")}
                />
                <span>
                  <span className="block font-semibold">First available</span>
                  <span className="block text-sm text-muted">Any of our certified therapists who offer {type?.name ?? "this massage"}.</span>
                </span>
              </label>
              {offering.map((therapist) => (
                <label key={therapist.id} className={choice}>
                  <input
                    type="radio"
                    name="therapist"
                    className="mt-1 size-5 accent-sage-700"
                    checked={therapistChoice === therapist.id}
                    onChange={() => setTherapistChoice(therapist.id)}
                  />
                  <span>
                    <span className="block font-semibold">{therapist.name}</span>
                    <span className="block text-sm text-muted">{therapist.bio}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        </div>

        <div hidden={step !== 2}>
          {outcome?.outcome === "slot_taken" ? (
            <div className="mb-4">
              <Alert tone="warning">{outcome.message}</Alert>
              {outcome.alternatives.length > 0 ? (
                <div className="mt-2">
                  <p className="font-semibold">Nearest free times:</p>
                  <ul className="mt-1 flex flex-wrap gap-2">
                    {outcome.alternatives.map((alternative) => (
                      <li key={alternative.start + alternative.therapistId}>
                        <Button type="button" variant="secondary" onClick={() => pickSlot(alternative)}>
                          {new Intl.DateTimeFormat("en-GB", {
                            weekday: "short",
                            day: "numeric",
                            month: "short",
                            hour: "2-digit",
                            minute: "2-digit",
                            timeZone,
                          }).format(new Date(alternative.start))}
                        </Button>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </div>
          ) : null}
          {step === 2 && massageType && duration ? (
            <SlotPicker
              massageType={massageType}
              duration={Number(duration)}
              therapistId={therapistChoice === "any" ? undefined : therapistChoice}
              therapistNames={therapistNames}
              timeZone={timeZone}
              value={slot}
              onChange={pickSlot}
              days={bookingHorizonDays}
              notBefore={earliestHeldStart}
              error={errors.start?.message}
            />
          ) : null}
        </div>

        <div hidden={step !== 3} className="flex flex-col gap-5">
          <IntakeFields
            // The intake fields are the same paths in the booking form: intake.* and physicianId.
            form={form as unknown as UseFormReturn<IntakeFormValues>}
            conditionRules={conditionRules}
            onRecord={onRecord}
            recordNeedsClearance={recordNeedsClearance}
            needsPhysician={needsPhysician}
            physicians={physicians}
            timeZone={timeZone}
          />
        </div>

        <div hidden={step !== 4}>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
            <dt className="font-semibold">Massage</dt>
            <dd className="text-muted">
              {type?.name}, {String(duration ?? "")} minutes
            </dd>
            <dt className="font-semibold">Therapist</dt>
            <dd className="text-muted">{slot ? therapistNames[slot.therapistId] : ""}</dd>
            <dt className="font-semibold">When</dt>
            <dd className="text-muted">
              {slot
                ? new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "short", timeZone }).format(new Date(slot.start)) + ` (${timeZone})`
                : ""}
            </dd>
            <dt className="font-semibold">Cancelling or moving</dt>
            <dd className="text-muted">
              {slot ? (
                <>
                  You are {freeToCancelUntil(new Date(slot.start), { cancellationNoticeHours, timeZone })}. After that,{" "}
                  <CallTheClinic clinic={clinic} />.
                </>
              ) : null}
            </dd>
            {needsPhysician ? (
              <>
                <dt className="font-semibold">Clearance deadline</dt>
                <dd className="text-muted">
                  {slot
                    ? `If your physician's clearance is needed, it must be approved by ${holdCutoffAt(new Date(slot.start), { holdCutoffHours, timeZone })}; without it, the time is released.`
                    : null}
                </dd>
              </>
            ) : null}
            <dt className="font-semibold">What happens next</dt>
            <dd className="text-muted">
              {needsPhysician
                ? "Because of the condition you told us about, this time is held for you until a physician's approval covers it: one you already have that is valid then confirms it at once, otherwise we wait for your physician's clearance."
                : "If nothing in your answers needs a physician's view, your appointment is confirmed at once."}
            </dd>
          </dl>
        </div>

        <div className="mt-6 flex flex-wrap justify-between gap-3">
          {step > 0 ? (
            <Button type="button" variant="secondary" onClick={() => setStep((current) => current - 1)}>
              Back
            </Button>
          ) : (
            <span />
          )}
          {/* Distinct keys: React must not turn the clicked Continue button into the submit button mid-click. */}
          {step < STEPS.length - 1 ? (
            <Button key="continue" type="button" onClick={() => void next()}>
              Continue
            </Button>
          ) : (
            <Button key="submit" type="submit" disabled={pending}>
              {pending ? "Booking…" : "Book this appointment"}
            </Button>
          )}
        </div>
      </Card>
    </form>
  );
}
