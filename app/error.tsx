"use client";

import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <PageHeader
        title="Something went wrong"
        lead="This is a problem on our side, not something you did. Nothing you entered was saved half-way. Please try again."
      />
      <Button onClick={reset}>Try again</Button>
    </>
  );
}
