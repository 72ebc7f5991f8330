import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SchemaView, typeLabel, type Schema } from "@/components/api-docs/schema-view";
import { Card, PageHeader, Section } from "@/components/ui/card";
import { openApiDocument } from "@/lib/api-docs/document";

export const metadata: Metadata = { title: "API reference" };

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  description?: string;
  schema: Schema;
}
interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  parameters: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}

/** `code` spans of the document's descriptions as <code>. */
function prose(text: string): ReactNode[] {
  return text.split(/(`[^`]+`)/).map((part, index) =>
    part.startsWith("`") && part.endsWith("`") ? (
      <code key={index} className="rounded bg-sage-50 px-1 text-[0.9em] text-sage-800">
        {part.slice(1, -1)}
      </code>
    ) : (
      part
    ),
  );
}

function Body({ content }: { content: Record<string, { schema: Schema }> }) {
  return (
    <>
      {Object.entries(content).map(([type, media]) => (
        <div key={type} className="mt-1">
          <p className="text-sm text-muted">
            <code>{type}</code>
          </p>
          {type === "application/json" || type === "multipart/form-data" ? <SchemaView schema={media.schema} /> : null}
        </div>
      ))}
    </>
  );
}

function OperationCard({ method, path, operation }: { method: string; path: string; operation: Operation }) {
  const statuses = Object.entries(operation.responses);
  return (
    <Card className="mb-4">
      <h3 id={operation.operationId} className="scroll-mt-4 text-lg font-semibold text-sage-800">
        {operation.summary}
      </h3>
      <p className="mt-1 break-all font-mono text-sm">
        <span className="mr-2 rounded bg-sage-700 px-1.5 py-0.5 font-bold text-white">{method.toUpperCase()}</span>
        {path}
      </p>
      {operation.description.split("\n\n").map((paragraph) => (
        <p key={paragraph} className="mt-2 max-w-3xl text-sm">
          {prose(paragraph)}
        </p>
      ))}
      {operation.parameters.length ? (
        <>
          <h4 className="mt-4 font-semibold">Parameters</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {operation.parameters.map((parameter) => (
              <li key={`${parameter.in}-${parameter.name}`}>
                <code className="font-semibold">{parameter.name}</code>{" "}
                <span className="text-muted">
                  in {parameter.in}, {typeLabel(parameter.schema)}, {parameter.required ? "required" : "optional"}
                </span>
                {parameter.description ? <span className="block text-muted">{prose(parameter.description)}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {operation.requestBody ? (
        <>
          <h4 className="mt-4 font-semibold">Request body</h4>
          <Body content={operation.requestBody.content} />
        </>
      ) : null}
      <h4 className="mt-4 font-semibold">Responses</h4>
      <ul className="mt-1 space-y-2">
        {statuses.map(([status, response]) => (
          <li key={status}>
            <details open={status.startsWith("2")}>
              <summary className="cursor-pointer text-sm">
                <strong className={status.startsWith("2") ? "text-sage-700" : "text-clay-700"}>{status}</strong> {prose(response.description)}
              </summary>
              <div className="ml-4">{response.content ? <Body content={response.content} /> : null}</div>
            </details>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export default function DevelopersPage() {
  const document = openApiDocument();
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path, operation: operation as Operation })),
  );
  return (
    <>
      <PageHeader
        title="API reference"
        lead={
          <>
            The clinic&apos;s JSON API, <code>/api/v1</code>. The machine-readable description is{" "}
            <a className="font-medium text-sage-700 underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>{" "}
            (OpenAPI 3.1); this page shows the same document.
          </>
        }
      />
      <Card className="max-w-3xl text-sm">
        <p>{prose(document.info.description)}</p>
      </Card>
      <nav aria-label="Operations" className="mt-6">
        <ul className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          {operations.map(({ method, path, operation }) => (
            <li key={operation.operationId}>
              <a className="underline-offset-4 hover:underline" href={`#${operation.operationId}`}>
                {operation.summary}
              </a>{" "}
              <span className="font-mono text-xs text-muted">
                {method.toUpperCase()} {path}
              </span>
            </li>
          ))}
        </ul>
      </nav>
      {document.tags.map((tag) => (
        <Section key={tag.name} id={`tag-${tag.name}`} title={tag.name.charAt(0).toUpperCase() + tag.name.slice(1)}>
          <p className="mb-4 max-w-3xl text-muted">{prose(tag.description)}</p>
          {operations
            .filter(({ operation }) => operation.tags.includes(tag.name))
            .map((entry) => (
              <OperationCard key={entry.operation.operationId} {...entry} />
            ))}
        </Section>
      ))}
    </>
  );
}
