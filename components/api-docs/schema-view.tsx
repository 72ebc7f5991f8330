// A JSON Schema (as the OpenAPI document carries it) as nested lists a person can read:
// each field with its type, whether it is required, its limits and its description.
import type { ReactNode } from "react";

export type Schema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  description?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  contentMediaType?: string;
};

const code = (value: unknown) => (
  <code key={String(value)} className="rounded bg-sage-50 px-1 text-[0.85em] text-sage-800">
    {typeof value === "string" ? value : JSON.stringify(value)}
  </code>
);

function joined(parts: ReactNode[], separator: string): ReactNode[] {
  return parts.flatMap((part, index) => (index === 0 ? [part] : [separator, part]));
}

function limits(schema: Schema): string {
  const range = (low?: number, high?: number, unit = "") =>
    low !== undefined && high !== undefined ? `${low}–${high}${unit}` : low !== undefined ? `≥ ${low}${unit}` : high !== undefined ? `≤ ${high}${unit}` : "";
  return [range(schema.minimum, schema.maximum), range(schema.minLength, schema.maxLength, " characters"), range(schema.minItems, schema.maxItems, " items")]
    .filter(Boolean)
    .join(", ");
}

const isNull = (schema: Schema) => schema.type === "null";

/** The one-line type: "string (uuid)", "integer 0–10", "one of …", "array of object", "… or null". */
export function typeLabel(schema: Schema): ReactNode {
  if (schema.anyOf) {
    const options = schema.anyOf.filter((option) => !isNull(option));
    const label = joined(options.map((option) => typeLabel(option)), " or ");
    return options.length < schema.anyOf.length ? <>{label} or null</> : <>{label}</>;
  }
  if (schema.const !== undefined) return code(schema.const);
  if (schema.enum) return <>one of {joined(schema.enum.map(code), ", ")}</>;
  const types = ([] as string[]).concat(schema.type ?? "any");
  const nullable = types.includes("null");
  const type = types.filter((name) => name !== "null")[0] ?? "null";
  let label: ReactNode = type;
  if (type === "array" && schema.items) label = <>array of {typeLabel(schema.items)}</>;
  if (type === "object" && !schema.properties && typeof schema.additionalProperties === "object") {
    label = <>map of {typeLabel(schema.additionalProperties)}</>;
  }
  const detail = [schema.format ?? schema.contentMediaType, limits(schema)].filter(Boolean).join(", ");
  return (
    <>
      {label}
      {detail ? ` (${detail})` : ""}
      {nullable ? " or null" : ""}
    </>
  );
}

/** The object whose fields a schema lists, through arrays and "… or null". */
function fieldsOf(schema: Schema): Schema | undefined {
  if (schema.properties) return schema;
  if (schema.items) return fieldsOf(schema.items);
  const option = schema.anyOf?.find((candidate) => !isNull(candidate));
  return option ? fieldsOf(option) : undefined;
}

export function SchemaView({ schema, depth = 0 }: { schema: Schema; depth?: number }) {
  const object = fieldsOf(schema);
  if (!object?.properties) {
    return <p className="text-sm">{typeLabel(schema)}</p>;
  }
  const required = new Set(object.required ?? []);
  return (
    <>
      {depth === 0 && object !== schema ? <p className="mb-1 text-sm text-muted">{typeLabel(schema)}:</p> : null}
      <ul className={`space-y-1 text-sm ${depth > 0 ? "mt-1 border-l-2 border-line pl-3" : ""}`}>
        {Object.entries(object.properties).map(([name, field]) => (
          <li key={name}>
            <code className="font-semibold text-ink">{name}</code>{" "}
            <span className="text-muted">
              {typeLabel(field)}
              {required.has(name) ? ", required" : ", optional"}
            </span>
            {field.description ? <span className="block text-muted">{field.description}</span> : null}
            {fieldsOf(field) ? <SchemaView schema={field} depth={depth + 1} /> : null}
          </li>
        ))}
      </ul>
    </>
  );
}
