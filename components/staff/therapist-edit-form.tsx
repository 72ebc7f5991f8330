"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { updateTherapistAction } from "@/app/admin/therapists/actions";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { BUFFER_MAX_MINUTES, therapistEditSchema, type TherapistEditInput } from "@/lib/validation/staff";
import { ChoiceGroup, choiceClass, TextAreaField } from "./fields";
import type { MassageTypeOption } from "./therapist-create-form";

export function TherapistEditForm({ therapistId, massageTypes, values }: { therapistId: string; massageTypes: MassageTypeOption[]; values: TherapistEditInput }) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<TherapistEditInput>({ resolver: zodResolver(therapistEditSchema), defaultValues: values });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((input) => {
    setMessage(undefined);
    startTransition(async () => {
      const result = await updateTherapistAction(therapistId, input);
      setMessage(result.message);
      applyServerErrors(form, result.fields);
    });
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="flex flex-col gap-3">
      <Alert tone="error">{message}</Alert>
      <TextField id="certificationNumber" label="Certification number" autoComplete="off" error={errors.certificationNumber?.message} {...form.register("certificationNumber")} />
      <TextField
        id="certificationExpiresOn"
        label="Certification valid until"
        type="date"
        hint="The last valid day. Renewed? Enter the new number and date."
        error={errors.certificationExpiresOn?.message}
        {...form.register("certificationExpiresOn")}
      />
      <ChoiceGroup id="massageTypes" legend="Massage types offered" error={errors.massageTypes?.message ?? errors.massageTypes?.root?.message}>
        {massageTypes.map((type) => (
          <label key={type.slug} className={choiceClass}>
            <input type="checkbox" value={type.slug} className="size-5 accent-sage-700" {...form.register("massageTypes")} />
            {type.name}
          </label>
        ))}
      </ChoiceGroup>
      <TextAreaField id="bio" label="About (shown to patients)" error={errors.bio?.message} {...form.register("bio")} />
      <TextField
        id="bufferMinutes"
        label="Minutes kept free after each appointment"
        type="number"
        inputMode="numeric"
        min={0}
        max={BUFFER_MAX_MINUTES}
        hint="For the room and notes. Applies to bookings made from now on."
        error={errors.bufferMinutes?.message}
        {...form.register("bufferMinutes", { valueAsNumber: true })}
      />
      <ChoiceGroup id="active" legend="Bookings" hint="An inactive therapist keeps their account and schedule, but patients cannot book them." error={errors.active?.message}>
        <label className={choiceClass}>
          <input type="checkbox" className="size-5 accent-sage-700" {...form.register("active")} />
          Takes bookings (active)
        </label>
      </ChoiceGroup>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save changes"}
      </Button>
    </form>
  );
}
