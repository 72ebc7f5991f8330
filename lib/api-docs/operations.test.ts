// The registry describes every route file under app/api/v1, each exported method once, and nothing else.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { buildOpenApiDocument } from "./document";
import { OPERATIONS } from "./operations";

const API_ROOT = path.resolve(import.meta.dirname, "../../app/api/v1");

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/v1/appointments/[id]/cancel/route.ts → /api/v1/appointments/{id}/cancel */
function openApiPath(file: string): string {
  const segments = path.relative(API_ROOT, path.dirname(file)).split(path.sep).filter(Boolean);
  return ["/api/v1", ...segments.map((segment) => segment.replace(/^\[(\w+)\]$/, "{$1}"))].join("/");
}

function exportedMethods(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1]!.toLowerCase());
}

describe("the OpenAPI registry", () => {
  test("has one operation for each method of each route file under app/api/v1", () => {
    const files = routeFiles(API_ROOT);
    expect(files.length).toBeGreaterThan(10);
    const routes = files.flatMap((file) => exportedMethods(file).map((method) => `${method.toUpperCase()} ${openApiPath(file)}`));
    const documented = OPERATIONS.map((operation) => `${operation.method.toUpperCase()} ${operation.path}`);
    expect(documented.toSorted()).toEqual(routes.toSorted());
  });

  test("operation ids are unique, and every operation has a success answer and says who may call it", () => {
    const ids = OPERATIONS.map((operation) => operation.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of OPERATIONS) {
      expect(Object.keys(operation.responses).some((status) => status.startsWith("2")), operation.id).toBe(true);
      if (operation.access !== "public") expect(operation.responses[401], `${operation.id} answers 401`).toBeDefined();
      if (operation.path.includes("{id}")) expect(operation.pathId, `${operation.id} describes {id}`).toBeTruthy();
    }
  });

  test("the document lists every operation under its path, with the schemas zod produced", () => {
    const document = buildOpenApiDocument();
    expect(document.openapi).toBe("3.1.0");
    const paths = document.paths as Record<string, Record<string, { operationId: string; requestBody?: unknown }>>;
    for (const operation of OPERATIONS) {
      expect(paths[operation.path]?.[operation.method]?.operationId).toBe(operation.id);
    }
    // The booking body is the booking form's schema: its intake is required, its duration an integer.
    const booking = paths["/api/v1/appointments"]!.post!.requestBody as {
      content: { "application/json": { schema: { required: string[]; properties: Record<string, { type?: string }> } } };
    };
    const schema = booking.content["application/json"].schema;
    expect(schema.required).toEqual(expect.arrayContaining(["therapistId", "massageType", "duration", "start", "intake"]));
    expect(schema.properties.duration!.type).toBe("integer");
  });
});
