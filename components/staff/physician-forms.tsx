"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { createPhysicianAction, updatePhysicianAction } from "@/app/admin/physicians/actions";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { physicianCreateSchema, physicianEditSchema, type PhysicianCreateInput, type PhysicianEditInput } from "@/lib/validation/staff";
import { ChoiceGroup, choiceClass } from "./fields";

export function PhysicianCreateForm() {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<PhysicianCreateInput>({
    resolver: zodResolver(physicianCreateSchema),
    defaultValues: { name: "", email: "", specialty: "", licenseNumber: "" },
  });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit((values) => {
    setMessage(undefined);
    startTransition(async () => {
      const result = await createPhysicianAction(values);
      setMessage(result.message);
      applyServerErrors(form, result.fields);
    });
  });
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="flex flex-col gap-3">
      <Alert tone="error">{message}</Alert>
      <TextField id="name" label="Name" hint='As patients will see it, e.g. "Dr. Sara Okafor".' autoComplete="off" error={errors.name?.message} {...form.register("name")} />
      <TextField id="email" label="Email" type="email" autoComplete="off" hint="The invitation to set a password goes here." error={errors.email?.message} {...form.register("email")} />
      <TextField id="specialty" label="Specialty (optional)" autoComplete="off" error={errors.specialty?.message} {...form.register("specialty")} />
      <TextField id="licenseNumber" label="License number (optional)" autoComplete="off" error={errors.licenseNumber?.message} {...form.register("licenseNumber")} />
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add physician and send the invitation"}
      </Button>
    </form>
  );
}

export function PhysicianEditForm({ physicianId, values }: { physicianId: string; values: PhysicianEditInput }) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<PhysicianEditInput>({ resolver: zodResolver(physicianEditSchema), defaultValues: values });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit((input) => {
    setMessage(undefined);
    startTransition(async () => {
      const result = await updatePhysicianAction(physicianId, input);
      setMessage(result.message);
      applyServerErrors(form, result.fields);
    });
  });
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="flex flex-col gap-3">
      <Alert tone="error">{message}</Alert>
      <TextField id="specialty" label="Specialty" autoComplete="off" error={errors.specialty?.message} {...form.register("specialty")} />
      <TextField id="licenseNumber" label="License number" autoComplete="off" error={errors.licenseNumber?.message} {...form.register("licenseNumber")} />
      <ChoiceGroup
        id="active"
        legend="Directory"
        hint="An inactive physician is not offered to patients for new clearance requests. They can still sign in and decide the requests already addressed to them."
        error={errors.active?.message}
      >
        <label className={choiceClass}>
          <input type="checkbox" className="size-5 accent-sage-700" {...form.register("active")} />
          Patients may choose this physician (active)
        </label>
      </ChoiceGroup>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save changes"}
      </Button>
    </form>
  );
}
