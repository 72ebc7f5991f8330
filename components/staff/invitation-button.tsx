"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { FormResult } from "@/lib/forms";

/** Sends a new invitation (the person has not set a password yet); the action redirects on success. */
export function InvitationButton({ action }: { action: () => Promise<FormResult> }) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-col gap-2">
      <Alert tone="error">{message}</Alert>
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setMessage((await action()).message);
          })
        }
      >
        {pending ? "Sending…" : "Send a new invitation"}
      </Button>
    </div>
  );
}
