// The pain trend in words, for the progress chart's text summary (screen readers read this, everyone sees it).
// Pure: no server imports, so the chart component can use it anywhere.

export interface PainScores {
  painBefore: number;
  painAfter: number;
}

const round = (value: number) => Math.round(value);
const average = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const visits = (count: number) => (count === 1 ? "1 visit" : `${count} visits`);

/**
 * "Average pain after sessions down from 6 to 3 over 5 visits": the average pain after a session in the earlier
 * half of the visits against the later half (the middle visit of an odd number counts in neither), in whole points.
 */
export function painTrendWords(points: readonly PainScores[]): string {
  if (points.length === 0) return "No completed sessions with notes yet.";
  if (points.length === 1) {
    const [only] = points;
    return `1 visit so far: pain ${only!.painBefore} before and ${only!.painAfter} after the session.`;
  }
  const half = Math.floor(points.length / 2);
  const earlier = round(average(points.slice(0, half).map((point) => point.painAfter)));
  const later = round(average(points.slice(points.length - half).map((point) => point.painAfter)));
  const direction =
    later < earlier
      ? `down from ${earlier} to ${later}`
      : later > earlier
        ? `up from ${earlier} to ${later}`
        : `steady at ${later}`;
  return `Average pain after sessions ${direction} over ${visits(points.length)}.`;
}

/** How much a session eases the pain, on average: "On average pain was 2.5 points lower after a session than before." */
export function reliefWords(points: readonly PainScores[]): string | null {
  if (points.length === 0) return null;
  const relief = average(points.map((point) => point.painBefore - point.painAfter));
  const amount = Math.abs(Math.round(relief * 10) / 10);
  const pointsWord = amount === 1 ? "point" : "points";
  if (amount === 0) return "On average pain was the same before and after a session.";
  return `On average pain was ${amount} ${pointsWord} ${relief > 0 ? "lower" : "higher"} after a session than before.`;
}
