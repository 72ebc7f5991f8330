"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

const MAX_BYTES = 10 * 1024 * 1024;

/** Uploads a clearance document to the API; the server decides by content what it accepts. */
export function ClearanceUploadForm({ clearanceId, label = "Physician's clearance (PDF, JPEG or PNG, at most 10 MB)" }: { clearanceId: string; label?: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [pending, startTransition] = useTransition();

  return (
    <form
      noValidate
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        setError(undefined);
        setDone(undefined);
        const file = input.current?.files?.[0];
        if (!file) {
          setError("Choose the file to upload.");
          return;
        }
        if (file.size > MAX_BYTES) {
          setError("This file is larger than 10 MB. Upload a smaller scan or photo.");
          return;
        }
        startTransition(async () => {
          const body = new FormData();
          body.append("file", file);
          const response = await fetch(`/api/v1/clearances/${clearanceId}/documents`, { method: "POST", body });
          const answer = (await response.json().catch(() => ({}))) as { message?: string };
          if (!response.ok) {
            setError(answer.message ?? "The upload did not work. Please try again.");
            return;
          }
          setDone(`Uploaded ${file.name}. The physician has been told.`);
          if (input.current) input.current.value = "";
          router.refresh();
        });
      }}
    >
      <label htmlFor={`file-${clearanceId}`} className="font-semibold">
        {label}
      </label>
      <input
        ref={input}
        id={`file-${clearanceId}`}
        name="file"
        type="file"
        accept="application/pdf,image/jpeg,image/png"
        aria-describedby={`file-${clearanceId}-error`}
        className="rounded-lg border border-muted/60 bg-white p-2"
      />
      <p id={`file-${clearanceId}-error`} className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
        {error ?? ""}
      </p>
      <Alert tone="info">{done}</Alert>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Uploading…" : "Upload"}
        </Button>
      </div>
    </form>
  );
}
