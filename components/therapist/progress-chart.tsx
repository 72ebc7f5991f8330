// Pain before and after each completed session, as a plain SVG line chart with the trend in words beside it.
// The words are the chart for a screen reader (the SVG is hidden from it) and a summary for everyone else.
import { painTrendWords, reliefWords } from "@/lib/notes/trend";

export interface ProgressChartPoint {
  /** "12 Nov" in the clinic's zone. */
  label: string;
  painBefore: number;
  painAfter: number;
}

const WIDTH = 560;
const HEIGHT = 220;
const PAD = { left: 36, right: 32, top: 16, bottom: 36 };

export function ProgressChart({ points, title = "Pain before and after sessions" }: { points: ProgressChartPoint[]; title?: string }) {
  const trend = painTrendWords(points);
  const relief = reliefWords(points);
  if (points.length === 0) return <p className="text-muted">{trend}</p>;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) => PAD.left + (points.length === 1 ? innerW / 2 : (index * innerW) / (points.length - 1));
  const y = (score: number) => PAD.top + innerH - (score * innerH) / 10;
  const line = (key: "painBefore" | "painAfter") => points.map((point, index) => `${index ? "L" : "M"}${x(index)},${y(point[key])}`).join(" ");
  return (
    <figure className="flex flex-col gap-2">
      <figcaption className="font-semibold">{title}</figcaption>
      <p data-testid="pain-trend">{trend}</p>
      {relief ? <p className="text-sm text-muted">{relief}</p> : null}
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full max-w-xl" aria-hidden="true" focusable="false">
        {[0, 5, 10].map((score) => (
          <g key={score}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(score)} y2={y(score)} stroke="#d6d3cd" strokeWidth="1" />
            <text x={PAD.left - 8} y={y(score) + 4} textAnchor="end" fontSize="12" fill="#57534e">
              {score}
            </text>
          </g>
        ))}
        <path d={line("painBefore")} fill="none" stroke="#9a3412" strokeWidth="2" strokeDasharray="6 4" />
        <path d={line("painAfter")} fill="none" stroke="#3f6212" strokeWidth="3" />
        {points.map((point, index) => (
          <g key={index}>
            <circle cx={x(index)} cy={y(point.painBefore)} r="4" fill="#9a3412" />
            <rect x={x(index) - 4} y={y(point.painAfter) - 4} width="8" height="8" fill="#3f6212" />
            <text x={x(index)} y={HEIGHT - 12} textAnchor="middle" fontSize="12" fill="#57534e">
              {point.label}
            </text>
          </g>
        ))}
      </svg>
      <p className="flex flex-wrap gap-4 text-sm" aria-hidden="true">
        <span>
          <span className="mr-1 inline-block h-0.5 w-6 border-t-2 border-dashed border-[#9a3412] align-middle" /> Before (circles)
        </span>
        <span>
          <span className="mr-1 inline-block h-1 w-6 bg-[#3f6212] align-middle" /> After (squares)
        </span>
      </p>
      <details>
        <summary className="cursor-pointer text-sm font-semibold text-sage-800">The scores as a table</summary>
        <table className="mt-2 text-left text-sm">
          <caption className="sr-only">{title}, by visit</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-4">Visit</th>
              <th scope="col" className="pr-4">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point, index) => (
              <tr key={index}>
                <th scope="row" className="pr-4 font-normal">{point.label}</th>
                <td className="pr-4">{point.painBefore}/10</td>
                <td>{point.painAfter}/10</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
