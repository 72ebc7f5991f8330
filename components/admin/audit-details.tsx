// An audit entry's details (JSON) in one short line; longer ones expand.
import type { Prisma } from "@/lib/generated/prisma/client";

const SHORT = 80;

export function AuditDetails({ details }: { details: Prisma.JsonValue | null }) {
  if (details === null) return <span className="text-muted">None</span>;
  const compact = JSON.stringify(details);
  if (compact.length <= SHORT) return <code className="text-xs break-all">{compact}</code>;
  return (
    <details>
      <summary className="cursor-pointer">
        <code className="text-xs break-all">{compact.slice(0, SHORT - 1)}…</code>
        <span className="sr-only"> (show all details)</span>
      </summary>
      <pre className="mt-2 max-w-md overflow-x-auto whitespace-pre-wrap break-all rounded-lg bg-sage-50 p-2 text-xs">
        {JSON.stringify(details, null, 2)}
      </pre>
    </details>
  );
}
