"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { finishAction } from "@/app/therapist/appointments/[id]/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Mark completed / Mark no-show, for a confirmed appointment that has started (the page shows them only then). */
export function FinishButtons({ appointmentId }: { appointmentId: string }) {
  const router = useRouter();
  const [result, setResult] = useState<{ ok?: boolean; message?: string }>();
  const [pending, startTransition] = useTransition();
  const finish = (outcome: "COMPLETED" | "NO_SHOW") =>
    startTransition(async () => {
      const answer = await finishAction(appointmentId, outcome);
      setResult(answer);
      if (answer.ok) router.refresh();
    });
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <Button type="button" disabled={pending} onClick={() => finish("COMPLETED")}>
          Mark completed
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => finish("NO_SHOW")}>
          Mark no-show
        </Button>
      </div>
      <Alert tone={result?.ok ? "info" : "error"}>{result?.message}</Alert>
    </div>
  );
}
