"use client";

import { useState, useTransition } from "react";
import { leaveAction } from "@/app/waitlist/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function LeaveWaitlistButton({ entryId, label }: { entryId: string; label: string }) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-col gap-2">
      <Button
        type="button"
        variant="secondary"
        aria-label={`Leave the waitlist for ${label}`}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await leaveAction(entryId);
            setMessage(result?.message);
          })
        }
      >
        {pending ? "Leaving…" : "Leave the waitlist"}
      </Button>
      <Alert tone="error">{message}</Alert>
    </div>
  );
}
