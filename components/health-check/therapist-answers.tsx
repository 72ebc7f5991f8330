// The therapist's schedule: answered day-before checks of their upcoming appointments, a yes (cancelled) included.
import Link from "next/link";
import { Card, Section } from "@/components/ui/card";
import type { CurrentUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { formatDateTime } from "@/lib/format";
import { answeredChecksOf } from "@/lib/health-check/queries";
import { HealthCheckAnswerBadge } from "./answer-badge";

export async function TherapistHealthChecks({ user, timeZone, now }: { user: Pick<CurrentUser, "id" | "role">; timeZone: string; now: Date }) {
  const checks = await answeredChecksOf(getDb(), user, now);
  if (checks.length === 0) return null;
  return (
    <Section title="Day-before health checks" id="health-checks">
      <ul className="flex flex-col gap-3">
        {checks.map((check) => (
          <li key={check.appointmentId}>
            <Card>
              <Link href={`/appointments/${check.appointmentId}`} className="font-semibold text-sage-800 underline underline-offset-4">
                {formatDateTime(check.startsAt, timeZone)}
              </Link>
              <p className="text-muted">
                {check.massageTypeName} for {check.patientName}
                {check.status === "CANCELLED" ? " · cancelled after the check" : ""}
              </p>
              <p className="mt-1">
                <HealthCheckAnswerBadge answers={check.answers} />
              </p>
            </Card>
          </li>
        ))}
      </ul>
    </Section>
  );
}
