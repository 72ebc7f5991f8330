"use client";

import { useState, useTransition } from "react";
import { completeClosureAction } from "@/app/admin/account-closures/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function CompleteClosureButton({ requestId, name }: { requestId: string; name: string }) {
  const [message, setMessage] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex flex-col gap-2">
      <Alert tone="error">{message}</Alert>
      <Button
        type="button"
        className="self-start"
        disabled={pending}
        aria-label={`Close the account of ${name}`}
        onClick={() => startTransition(async () => setMessage((await completeClosureAction(requestId)).message))}
      >
        {pending ? "Closing…" : "Close the account"}
      </Button>
    </div>
  );
}
