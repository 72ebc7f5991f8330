import type { ReactNode } from "react";

// The term column fits its longest term up to 18rem, so one long question (a condition with its examples) wraps instead of pushing every answer to the far right.
export function DefinitionList({ items }: { items: Array<[string, ReactNode]> }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[fit-content(18rem)_1fr]">
      {items.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-semibold">{term}</dt>
          <dd className="mb-2 text-muted sm:mb-0">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
