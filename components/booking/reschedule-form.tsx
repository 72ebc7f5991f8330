"use client";

import { useState, useTransition } from "react";
import { rescheduleAction } from "@/app/appointments/[id]/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SlotPicker, type PickedSlot } from "./slot-picker";

interface Props {
  appointmentId: string;
  therapistId: string;
  massageType: string;
  duration: number;
  timeZone: string;
}

export function RescheduleForm({ appointmentId, therapistId, massageType, duration, timeZone }: Props) {
  const [slot, setSlot] = useState<PickedSlot>();
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!slot) {
          setError("Choose a new time.");
          return;
        }
        setError(undefined);
        startTransition(async () => {
          const result = await rescheduleAction(appointmentId, { start: slot.start });
          if (!result) return;
          setMessage(result.message);
          setError(result.fields?.start);
          if (result.alternatives) setSlot(undefined);
        });
      }}
    >
      <Alert tone="warning">{message}</Alert>
      <SlotPicker
        massageType={massageType}
        duration={duration}
        therapistId={therapistId}
        timeZone={timeZone}
        value={slot}
        onChange={(picked) => {
          setSlot(picked);
          setError(undefined);
        }}
        error={error}
      />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Moving…" : "Move to this time"}
        </Button>
      </div>
    </form>
  );
}
