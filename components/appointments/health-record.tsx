import { EmptyState } from "@/components/ui/card";
import { conditionWords, isSeriousConditionKey } from "@/lib/screening/conditions";
import { formatDate } from "@/lib/format";
import { localDateOf } from "@/lib/time/zoned";
import { ResolveConditionForm } from "./resolve-condition-form";

export interface RecordEntry {
  id: string;
  condition: string;
  description: string | null;
  declaredAt: Date;
}

interface Props {
  conditions: RecordEntry[];
  timeZone: string;
  /** The patient reads their own record; staff and physicians may mark an entry resolved. */
  viewer: "patient" | "staff";
  returnPath?: string;
}

const words = (entry: RecordEntry) => (isSeriousConditionKey(entry.condition) ? conditionWords(entry.condition, entry.description) : entry.condition);
const day = (at: Date, timeZone: string) => formatDate(new Date(`${localDateOf(at, timeZone)}T00:00:00Z`));

/** "You told us about diabetes on 3 March 2026": the serious conditions that every booking is screened with. */
export function HealthRecordList({ conditions, timeZone, viewer, returnPath }: Props) {
  if (conditions.length === 0) {
    return <EmptyState>{viewer === "patient" ? "You have not told us about a serious condition." : "No serious condition on record."}</EmptyState>;
  }
  return (
    <div className="rounded-2xl border border-line bg-card p-5 shadow-sm sm:p-6">
      {viewer === "patient" ? (
        <p className="mb-3 text-muted">
          Every booking is screened with these until the clinic or your physician marks one resolved. Tell the clinic if one no longer applies.
        </p>
      ) : null}
      <ul className="flex flex-col gap-3">
        {conditions.map((entry) => (
          <li key={entry.id} className="border-b border-line pb-3 last:border-0 last:pb-0">
            <p>
              {viewer === "patient" ? "You told us about " : "Declared: "}
              <strong>{words(entry)}</strong> on {day(entry.declaredAt, timeZone)}.
            </p>
            {viewer === "staff" && returnPath ? <ResolveConditionForm conditionId={entry.id} label={words(entry)} returnPath={returnPath} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
