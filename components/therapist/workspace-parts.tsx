// Pieces the therapist's schedule cards and appointment page share: the physician's restrictions (always in
// view, never behind a click) and the intake's pain line.
import { restrictionWords, type AttachedRestriction } from "@/lib/booking/queries";
import { PAIN_AREA_LABEL, type PainArea } from "@/lib/validation/intake";

export function RestrictionsBanner({ restrictions, compact = false }: { restrictions: AttachedRestriction[]; compact?: boolean }) {
  if (restrictions.length === 0) return null;
  return (
    <div className={`rounded-lg border-2 border-clay-700/50 bg-clay-50 text-clay-700 ${compact ? "mt-2 p-2 text-sm" : "p-4"}`}>
      <p className="font-bold">Physician&apos;s restrictions</p>
      <ul className={compact ? "" : "mt-1 flex flex-col gap-1"}>
        {restrictions.map((restriction) => (
          <li key={restriction.id} className="font-medium">
            {restrictionWords(restriction)} <span className="font-normal">({restriction.physician.user.name})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "Chronic, 6/10: lower back, neck". */
export function painLine(intake: { painOnset: string; painLevel: number; painAreas: readonly string[] }): string {
  const onset = intake.painOnset === "recent" || intake.painOnset === "RECENT" ? "Recent" : "Chronic";
  const areas = intake.painAreas.map((area) => PAIN_AREA_LABEL[area as PainArea] ?? area).join(", ");
  return `${onset}, ${intake.painLevel}/10${areas ? `: ${areas}` : ""}`;
}
