"use client";

import { useState, useTransition } from "react";
import { changeAction } from "@/app/appointments/[id]/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SlotPicker, type PickedSlot } from "./slot-picker";

interface Props {
  appointmentId: string;
  therapistId: string;
  current: { massageType: string; duration: number; start: string; startWords: string };
  /** What this therapist offers and the patient's physician allows. */
  massageTypes: Array<{ slug: string; name: string; durations: number[] }>;
  /** Keep the time on offer: a type or length change at the same time. */
  canKeepTime: boolean;
  /** The time can move too (the patient is still before the cancellation notice, or it is the clinic). */
  canMoveTime: boolean;
  timeZone: string;
  /** Days the calendar offers: the clinic's booking horizon. */
  days: number;
  /** Open on "time" (move) or "type" (massage type or length). */
  focus: "time" | "type";
}

const choice =
  "flex cursor-pointer items-center gap-3 rounded-xl border border-line bg-white p-3 has-[:checked]:border-sage-700 has-[:checked]:bg-sage-50 has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-sage-600";

/** Another time, massage type or length with the same therapist; the server screens the change like a booking. */
export function ChangeForm({ appointmentId, therapistId, current, massageTypes, canKeepTime, canMoveTime, timeZone, days, focus }: Props) {
  const [massageType, setMassageType] = useState(massageTypes.some((t) => t.slug === current.massageType) ? current.massageType : massageTypes[0]?.slug);
  const type = massageTypes.find((candidate) => candidate.slug === massageType);
  const [duration, setDuration] = useState(type?.durations.includes(current.duration) ? current.duration : type?.durations[0]);
  const [keepTime, setKeepTime] = useState(canKeepTime && (focus === "type" || !canMoveTime));
  const [slot, setSlot] = useState<PickedSlot>();
  const [message, setMessage] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, startTransition] = useTransition();

  return (
    <form
      noValidate
      className="flex flex-col gap-5"
      onSubmit={(event) => {
        event.preventDefault();
        const start = keepTime ? current.start : slot?.start;
        if (!start) {
          setErrors({ start: "Choose a new time." });
          return;
        }
        setErrors({});
        startTransition(async () => {
          const result = await changeAction(appointmentId, { start, massageType, duration });
          if (!result) return;
          setMessage(result.message);
          setErrors(result.fields ?? {});
          if (result.alternatives) setSlot(undefined);
        });
      }}
    >
      <Alert tone="warning">{message}</Alert>
      <fieldset aria-describedby="massageType-error">
        <legend className="mb-2 font-semibold">Massage</legend>
        <div className="flex flex-col gap-2">
          {massageTypes.map((option) => (
            <label key={option.slug} className={choice}>
              <input
                type="radio"
                name="massageType"
                value={option.slug}
                className="size-5 accent-sage-700"
                checked={massageType === option.slug}
                onChange={() => {
                  setMassageType(option.slug);
                  if (duration === undefined || !option.durations.includes(duration)) setDuration(option.durations[0]);
                  setSlot(undefined);
                }}
              />
              {option.name}
            </label>
          ))}
        </div>
        <p id="massageType-error" className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
          {errors.massageType ?? ""}
        </p>
      </fieldset>
      <fieldset aria-describedby="duration-error">
        <legend className="mb-2 font-semibold">Length</legend>
        <div className="flex flex-wrap gap-2">
          {(type?.durations ?? []).map((minutes) => (
            <label key={minutes} className={choice}>
              <input
                type="radio"
                name="duration"
                value={minutes}
                className="size-5 accent-sage-700"
                checked={duration === minutes}
                onChange={() => {
                  setDuration(minutes);
                  setSlot(undefined);
                }}
              />
              {minutes} minutes
            </label>
          ))}
        </div>
        <p id="duration-error" className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
          {errors.duration ?? ""}
        </p>
      </fieldset>
      <fieldset aria-describedby="start-error">
        <legend className="mb-2 font-semibold">Time</legend>
        <div className="flex flex-col gap-2">
          {canKeepTime ? (
            <label className={choice}>
              <input type="radio" name="time" className="size-5 accent-sage-700" checked={keepTime} onChange={() => setKeepTime(true)} />
              Keep {current.startWords}
            </label>
          ) : null}
          {canMoveTime ? (
            <label className={choice}>
              <input type="radio" name="time" className="size-5 accent-sage-700" checked={!keepTime} onChange={() => setKeepTime(false)} />
              Choose another time
            </label>
          ) : null}
        </div>
        {!keepTime && massageType && duration ? (
          <div className="mt-3">
            <SlotPicker
              massageType={massageType}
              duration={duration}
              therapistId={therapistId}
              timeZone={timeZone}
              days={days}
              value={slot}
              onChange={(picked) => {
                setSlot(picked);
                setErrors({});
              }}
              error={errors.start}
            />
          </div>
        ) : (
          <p id="start-error" className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
            {errors.start ?? ""}
          </p>
        )}
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save the change"}
        </Button>
      </div>
    </form>
  );
}
