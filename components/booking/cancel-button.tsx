"use client";

import { useState, useTransition } from "react";
import { cancelAction } from "@/app/appointments/[id]/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function CancelButton({ appointmentId }: { appointmentId: string }) {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();

  if (!confirming) {
    return (
      <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
        Cancel this appointment
      </Button>
    );
  }
  return (
    <div className="flex flex-col gap-2 rounded-xl border border-danger-700/30 bg-danger-50 p-3">
      <p className="font-medium">Cancel this appointment? The time will be offered to other patients.</p>
      <Alert tone="error">{message}</Alert>
      <div className="flex flex-wrap gap-2">
        <Button
          type="button"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              const result = await cancelAction(appointmentId);
              setMessage(result?.message);
            })
          }
        >
          {pending ? "Cancelling…" : "Yes, cancel it"}
        </Button>
        <Button type="button" variant="quiet" onClick={() => setConfirming(false)}>
          Keep it
        </Button>
      </div>
    </div>
  );
}
