import type { ReactNode } from "react";

const tones = {
  error: "border-danger-700/30 bg-danger-50 text-danger-700",
  info: "border-sage-600/30 bg-sage-50 text-sage-800",
  warning: "border-clay-700/30 bg-clay-50 text-clay-700",
} as const;

/** A message region screen readers announce when its text changes. */
export function Alert({ tone = "info", children, id }: { tone?: keyof typeof tones; children?: ReactNode; id?: string }) {
  return (
    <div id={id} role={tone === "error" ? "alert" : "status"} aria-live={tone === "error" ? "assertive" : "polite"}>
      {children ? <div className={`rounded-lg border p-3 text-sm font-medium ${tones[tone]}`}>{children}</div> : null}
    </div>
  );
}
