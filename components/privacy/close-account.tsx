"use client";

import { useState, useTransition } from "react";
import { requestClosureAction } from "@/app/privacy/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Asking the clinic to close the account, with a confirmation step. */
export function CloseAccount() {
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  const confirm = () =>
    startTransition(async () => {
      const result = await requestClosureAction();
      setMessage(result.message);
      if (!result.message) setConfirming(false);
    });
  return (
    <div className="flex flex-col gap-3">
      <Alert tone="error">{message}</Alert>
      {confirming ? (
        <>
          <p className="font-semibold">Close your account?</p>
          <p className="text-sm">
            You will not be able to sign in again. Your name, email address, phone number and date of birth are removed. Your appointments,
            health answers, clearances and session notes stay with the clinic, as the law requires for medical records.
          </p>
          <div className="flex flex-wrap gap-3">
            <Button type="button" onClick={confirm} disabled={pending}>
              {pending ? "Sending…" : "Yes, close my account"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
              Keep my account
            </Button>
          </div>
        </>
      ) : (
        <Button type="button" variant="secondary" className="self-start" onClick={() => setConfirming(true)}>
          Ask to close my account
        </Button>
      )}
    </div>
  );
}
