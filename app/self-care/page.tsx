import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Neck and shoulder self-care" };

export default async function SelfCarePage({ searchParams }: { searchParams: Promise<{ after?: string | string[] }> }) {
  // Sent here by the day-before health check (a yes cancelled the appointment): say so, and show the way back to booking.
  const afterHealthCheck = (await searchParams).after === "health-check";
  return (
    <>
      {afterHealthCheck ? (
        <Card className="mb-6 max-w-2xl border-sage-700/40 bg-sage-50">
          <h2 className="text-lg font-semibold">Your appointment is cancelled, without charge</h2>
          <p className="mt-1">
            Massage has to wait until you are well. We have told your therapist and freed the time. Get well soon, and book
            again once you have recovered.
          </p>
          <div className="mt-3">
            <ButtonLink href="/book">Book a new time</ButtonLink>
          </div>
        </Card>
      ) : null}
      <PageHeader
        title="Self-massage for your neck and shoulders"
        lead="Nobody can massage their own back well, but when the neck, the upper back or the shoulders ache, you can ease them yourself in a few minutes."
      />
      <Card className="max-w-2xl">
        <ol className="list-decimal space-y-4 pl-5">
          <li>
            <strong>Stretch the neck.</strong> Sit or stand tall, let your shoulders drop, and bring your chin down
            towards your chest. Breathe slowly and feel the back of your neck lengthen.
          </li>
          <li>
            <strong>Find the tight spot.</strong> Put your fingertips where your neck meets your shoulders.
          </li>
          <li>
            <strong>Press and wait.</strong> Press firmly and hold. When you feel the muscle let go, release the
            pressure.
          </li>
          <li>
            <strong>Repeat gently</strong> on the other side, and a little further along the shoulder.
          </li>
        </ol>
        <p className="mt-4 text-sm text-muted">
          Stop if it hurts more, tingles or feels numb. Skip self-massage while you have a fever, a contagious illness
          or a fresh injury.
        </p>
      </Card>
      <div className="mt-6 flex flex-wrap gap-3">
        <ButtonLink href="/sign-up">Book a session with a therapist</ButtonLink>
        <ButtonLink href="/" variant="secondary">
          Back to the home page
        </ButtonLink>
      </div>
    </>
  );
}
