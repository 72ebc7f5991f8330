"use client";

import { useState, useTransition } from "react";
import { confirmEmailChangeAction } from "@/app/account/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Confirms on a click, never on opening the page: mail scanners open links too. */
export function ConfirmEmailButton({ token }: { token: string }) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-col gap-3">
      <Alert tone="error">{message}</Alert>
      <Button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setMessage((await confirmEmailChangeAction(token)).message);
          })
        }
      >
        {pending ? "Confirming…" : "Confirm the new email"}
      </Button>
    </div>
  );
}
