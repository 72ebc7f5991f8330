// The appointment page's day-before health check (section id `health-check`): the patient's form while
// the check is open, then their answer; staff see the answer once given.
import { ButtonLink } from "@/components/ui/button";
import { Card, Section } from "@/components/ui/card";
import type { CurrentUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { healthCheckFor } from "@/lib/health-check/queries";
import type { CheckClock } from "@/lib/health-check/window";
import { anyYes } from "@/lib/validation/health-check";
import { HealthCheckAnswerBadge } from "./answer-badge";
import { HealthCheckForm } from "./health-check-form";

interface Props {
  user: Pick<CurrentUser, "id" | "role">;
  appointment: { id: string; status: string };
  settings: CheckClock;
  now: Date;
}

export async function HealthCheckSection({ user, appointment, settings, now }: Props) {
  const check = await healthCheckFor(getDb(), user, appointment.id, settings, now);
  if (!check) return null;
  const isPatient = user.role === "PATIENT";
  if (check.answers && check.answeredAt) {
    const yes = anyYes(check.answers);
    return (
      <Section title="Day-before health check" id="health-check">
        <Card>
          {isPatient ? (
            yes ? (
              <>
                <p className="font-medium">Massage has to wait until you are well, so this appointment is cancelled, without charge.</p>
                <p className="mt-2">Get well soon. Meanwhile, gentle self-care can ease your neck and shoulders; book again once you have recovered.</p>
                <div className="mt-4 flex flex-wrap gap-3">
                  <ButtonLink href="/self-care">Self-care for neck and shoulders</ButtonLink>
                  <ButtonLink href="/book" variant="secondary">
                    Book a new time
                  </ButtonLink>
                </div>
              </>
            ) : (
              <p className="font-medium">Thanks, all clear. See you tomorrow!</p>
            )
          ) : (
            <HealthCheckAnswerBadge answers={check.answers} />
          )}
          <p className="mt-3 text-sm text-muted">Answered {formatDateTime(check.answeredAt, settings.timeZone)}.</p>
        </Card>
      </Section>
    );
  }
  if (!isPatient || appointment.status !== "CONFIRMED" || check.window !== "open") return null;
  return (
    <Section title="Day-before health check" id="health-check">
      <Card>
        <p className="mb-4">Your massage is soon. Three questions first, so that it is safe for you and for others:</p>
        <HealthCheckForm appointmentId={appointment.id} />
      </Card>
    </Section>
  );
}
