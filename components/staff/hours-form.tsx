"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useFieldArray, useForm } from "react-hook-form";
import { setHoursAction } from "@/app/admin/therapists/actions";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { weekdayName } from "@/lib/format";
import { hoursFormSchema, type HoursFormInput, type ShiftInput } from "@/lib/validation/staff";
import { controlClass, FieldError, RowLabel } from "./fields";

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const WORKWEEK: ShiftInput[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "09:00", end: "17:00" }));

export function HoursForm({ therapistId, shifts, gridMinutes }: { therapistId: string; shifts: ShiftInput[]; gridMinutes: number }) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<HoursFormInput>({ resolver: zodResolver(hoursFormSchema), defaultValues: { shifts } });
  const list = useFieldArray({ control: form.control, name: "shifts" });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setMessage(undefined);
    startTransition(async () => {
      const result = await setHoursAction(therapistId, values);
      setMessage(result.message);
      applyServerErrors(form, result.fields);
    });
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="flex flex-col gap-4">
      <Alert tone="error">{message}</Alert>
      <p className="text-sm text-muted">
        Times are the clinic&apos;s local time, in {gridMinutes}-minute steps. Several shifts on one day (a lunch break) are fine; they may not overlap.
      </p>
      {list.fields.length === 0 ? <p className="rounded-xl border border-dashed border-line bg-sage-50 p-4 text-muted">No shifts: this therapist cannot be booked.</p> : null}
      <ol className="flex flex-col gap-3">
        {list.fields.map((field, index) => {
          const row = `shift ${index + 1}`;
          const rowErrors = errors.shifts?.[index];
          return (
            <li key={field.id} className="rounded-xl border border-line bg-white p-3">
              <div className="grid grid-cols-2 gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-start">
                <div className="col-span-2 flex flex-col gap-1 sm:col-span-1">
                  <RowLabel htmlFor={`shift-${index}-weekday`} text="Day" row={row} />
                  <select
                    id={`shift-${index}-weekday`}
                    className={controlClass}
                    aria-invalid={rowErrors?.weekday ? true : undefined}
                    aria-describedby={`shift-${index}-weekday-error`}
                    {...form.register(`shifts.${index}.weekday`, { setValueAs: Number })}
                  >
                    {WEEKDAYS.map((weekday) => (
                      <option key={weekday} value={weekday}>
                        {weekdayName(weekday)}
                      </option>
                    ))}
                  </select>
                  <FieldError id={`shift-${index}-weekday-error`} error={rowErrors?.weekday?.message} />
                </div>
                {(["start", "end"] as const).map((edge) => (
                  <div key={edge} className="flex flex-col gap-1">
                    <RowLabel htmlFor={`shift-${index}-${edge}`} text={edge === "start" ? "Starts" : "Ends"} row={row} />
                    <input
                      id={`shift-${index}-${edge}`}
                      type="time"
                      step={gridMinutes * 60}
                      className={controlClass}
                      aria-invalid={rowErrors?.[edge] ? true : undefined}
                      aria-describedby={`shift-${index}-${edge}-error`}
                      {...form.register(`shifts.${index}.${edge}`)}
                    />
                    <FieldError id={`shift-${index}-${edge}-error`} error={rowErrors?.[edge]?.message} />
                  </div>
                ))}
                <div className="col-span-2 sm:col-span-1 sm:pt-6">
                  <Button type="button" variant="quiet" onClick={() => list.remove(index)}>
                    Remove<span className="sr-only"> {row}</span>
                  </Button>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      <FieldError id="shifts-error" error={errors.shifts?.message ?? errors.shifts?.root?.message} />
      <div className="flex flex-wrap gap-3">
        <Button type="button" variant="secondary" onClick={() => list.append({ weekday: 1, start: "09:00", end: "17:00" })}>
          Add a shift
        </Button>
        <Button type="button" variant="secondary" onClick={() => list.replace(WORKWEEK)}>
          Fill in Monday to Friday, 09:00–17:00
        </Button>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save the week"}
      </Button>
    </form>
  );
}
