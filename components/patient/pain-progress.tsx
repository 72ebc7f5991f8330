// The patient's own progress: pain before and after each completed session, from their therapists' notes (the
// scores only). Reading it is audited like every read of notes (lib/notes/notes.ts).
import { Card } from "@/components/ui/card";
import { ProgressChart } from "@/components/therapist/progress-chart";
import type { AuditActor } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { dateTimeFormat } from "@/lib/format";
import { progressForPatient } from "@/lib/notes/notes";

export async function PainProgress({ patient, timeZone }: { patient: AuditActor; timeZone: string }) {
  const points = await progressForPatient(getDb(), patient);
  const day = dateTimeFormat({ day: "numeric", month: "short", timeZone });
  return (
    <Card>
      <ProgressChart points={points.map((point) => ({ ...point, label: day.format(point.startsAt) }))} title="Your pain before and after sessions" />
    </Card>
  );
}
