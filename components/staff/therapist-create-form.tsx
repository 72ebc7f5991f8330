"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { createTherapistAction } from "@/app/admin/therapists/actions";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { therapistCreateSchema, type TherapistCreateInput } from "@/lib/validation/staff";
import { ChoiceGroup, choiceClass } from "./fields";

export interface MassageTypeOption {
  slug: string;
  name: string;
}

export function TherapistCreateForm({ massageTypes }: { massageTypes: MassageTypeOption[] }) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<TherapistCreateInput>({
    resolver: zodResolver(therapistCreateSchema),
    defaultValues: { name: "", email: "", certificationNumber: "", certificationExpiresOn: "", massageTypes: [] },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setMessage(undefined);
    startTransition(async () => {
      const result = await createTherapistAction(values);
      setMessage(result.message);
      applyServerErrors(form, result.fields);
    });
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="flex flex-col gap-3">
      <Alert tone="error">{message}</Alert>
      <TextField id="name" label="Name" autoComplete="off" error={errors.name?.message} {...form.register("name")} />
      <TextField
        id="email"
        label="Email"
        type="email"
        autoComplete="off"
        hint="The invitation to set a password goes here; it is also how they sign in."
        error={errors.email?.message}
        {...form.register("email")}
      />
      <TextField id="certificationNumber" label="Certification number" autoComplete="off" error={errors.certificationNumber?.message} {...form.register("certificationNumber")} />
      <TextField
        id="certificationExpiresOn"
        label="Certification valid until"
        type="date"
        hint="The last day the certification is valid. From the day after, patients cannot book this therapist."
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
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add therapist and send the invitation"}
      </Button>
    </form>
  );
}
