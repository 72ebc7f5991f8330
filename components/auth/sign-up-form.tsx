"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { signUpAction } from "@/app/sign-up/actions";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { ConsentCheckbox } from "@/components/privacy/consent-checkbox";
import { PASSWORD_MAX, PASSWORD_MIN, signUpSchema, type SignUpInput } from "@/lib/validation/auth";

export function SignUpForm() {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<SignUpInput>({
    resolver: zodResolver(signUpSchema),
    // The consent box starts unticked (no default): consent is something the patient does.
    defaultValues: { name: "", email: "", password: "" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setMessage(undefined);
    startTransition(async () => {
      const result = await signUpAction(values);
      setMessage(result.message);
      applyServerErrors(form, result.fields);
    });
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="flex flex-col gap-3">
      <Alert tone="error">{message}</Alert>
      <TextField id="name" label="Your name" autoComplete="name" error={errors.name?.message} {...form.register("name")} />
      <TextField
        id="email"
        label="Email"
        type="email"
        autoComplete="email"
        hint="We send booking confirmations here. Never health details."
        error={errors.email?.message}
        {...form.register("email")}
      />
      <TextField
        id="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`${PASSWORD_MIN} to ${PASSWORD_MAX} characters. A short sentence is easy to remember and hard to guess.`}
        error={errors.password?.message}
        {...form.register("password")}
      />
      <ConsentCheckbox registration={form.register("healthDataConsent")} error={errors.healthDataConsent?.message} />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
