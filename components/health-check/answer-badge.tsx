// The day-before health check's answer as staff see it: "all clear" or what the patient said yes to.
import { conditionRule } from "@/lib/screening/conditions";
import { HEALTH_CHECK_KEYS, type HealthCheckAnswers } from "@/lib/validation/health-check";

export function HealthCheckAnswerBadge({ answers }: { answers: HealthCheckAnswers | null }) {
  if (!answers) return <span className="inline-block rounded-lg border border-line px-2 py-0.5 text-sm text-muted">Health check: not answered yet</span>;
  const yes = HEALTH_CHECK_KEYS.filter((key) => answers[key]);
  if (yes.length === 0) {
    return <span className="inline-block rounded-lg border border-sage-700/40 bg-sage-50 px-2 py-0.5 text-sm font-medium text-sage-800">Health check: all clear</span>;
  }
  return (
    <span className="inline-block rounded-lg border border-clay-700/40 bg-clay-50 px-2 py-0.5 text-sm font-medium text-clay-700">
      Health check: {yes.map((key) => conditionRule(key).label.split(" (")[0]!.toLowerCase()).join("; ")}
    </span>
  );
}
