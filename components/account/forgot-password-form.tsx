"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { requestPasswordResetAction } from "@/app/password/actions";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { AccountFormResult } from "@/lib/account/form-result";
import { passwordResetRequestSchema, type PasswordResetRequestInput } from "@/lib/validation/account";

export function ForgotPasswordForm() {
  const [result, setResult] = useState<AccountFormResult>({});
  const [pending, startTransition] = useTransition();
  const form = useForm<PasswordResetRequestInput>({ resolver: zodResolver(passwordResetRequestSchema), defaultValues: { email: "" } });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setResult({});
    startTransition(async () => {
      const answer = await requestPasswordResetAction(values);
      setResult(answer);
      applyServerErrors(form, answer.fields);
    });
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="flex flex-col gap-3">
      <div>
        <Alert tone="info">{result.done ? result.message : undefined}</Alert>
        <Alert tone="error">{result.done ? undefined : result.message}</Alert>
      </div>
      <TextField id="email" label="Email" type="email" autoComplete="email" error={errors.email?.message} {...form.register("email")} />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : "Send me a link"}
      </Button>
    </form>
  );
}
