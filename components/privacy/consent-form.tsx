"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { giveConsentAction } from "@/app/privacy/actions";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { giveConsentSchema, type GiveConsentInput } from "@/lib/validation/consent";
import { ConsentCheckbox } from "./consent-checkbox";

/** Asked before the first intake: the booking page shows it while the patient has no consent on record. */
export function ConsentForm() {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<GiveConsentInput>({ resolver: zodResolver(giveConsentSchema) });
  const { errors } = form.formState;
  const onSubmit = form.handleSubmit((values) => {
    setMessage(undefined);
    startTransition(async () => {
      const result = await giveConsentAction(values);
      setMessage(result.message);
      applyServerErrors(form, result.fields);
    });
  });
  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="flex flex-col gap-3">
      <Alert tone="error">{message}</Alert>
      <ConsentCheckbox registration={form.register("healthDataConsent")} error={errors.healthDataConsent?.message} />
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? "Saving…" : "Agree and continue"}
      </Button>
    </form>
  );
}
