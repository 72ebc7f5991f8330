"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { signInAction } from "@/app/sign-in/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import { signInSchema, type SignInInput } from "@/lib/validation/auth";

export function SignInForm({ returnTo }: { returnTo?: string }) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<SignInInput>({ resolver: zodResolver(signInSchema), defaultValues: { email: "", password: "" } });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setMessage(undefined);
    startTransition(async () => {
      const result = await signInAction(values, returnTo);
      setMessage(result.message);
      applyServerErrors(form, result.fields);
    });
  });

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="flex flex-col gap-3" aria-describedby="sign-in-message">
      <Alert tone="error" id="sign-in-message">
        {message}
      </Alert>
      <TextField
        id="email"
        label="Email"
        type="email"
        autoComplete="email"
        error={errors.email?.message}
        {...form.register("email")}
      />
      <TextField
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        error={errors.password?.message}
        {...form.register("password")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
