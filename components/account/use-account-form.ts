"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm, type DefaultValues, type FieldValues, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { applyServerErrors } from "@/components/forms/apply-server-errors";
import type { AccountFormResult } from "@/lib/account/form-result";

/** One account form: the shared schema on the client, the server action's answer as a message and field errors. */
export function useAccountForm<T extends FieldValues>(
  schema: z.ZodType<T, FieldValues>,
  defaultValues: DefaultValues<T>,
  action: (values: T) => Promise<AccountFormResult>,
  options: { resetOnDone?: boolean } = {},
) {
  const [result, setResult] = useState<AccountFormResult>({});
  const [pending, startTransition] = useTransition();
  const form = useForm<T>({ resolver: zodResolver(schema) as Resolver<T>, defaultValues });
  const onSubmit = form.handleSubmit((values) => {
    setResult({});
    startTransition(async () => {
      const answer = await action(values);
      setResult(answer);
      applyServerErrors(form, answer.fields);
      if (answer.done && options.resetOnDone) form.reset(defaultValues);
    });
  });
  return { form, result, pending, onSubmit: (event: React.FormEvent<HTMLFormElement>) => void onSubmit(event) };
}
