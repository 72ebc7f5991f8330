// The contract test's judge: every answer is checked against the OpenAPI document the app
// serves (/api/v1/openapi.json), with a JSON Schema 2020-12 validator. It records which
// operations were called and which statuses they answered, so the spec can require all of them.
import type { APIResponse } from "@playwright/test";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "./fixtures";

interface MediaType {
  schema?: Record<string, unknown>;
}
interface DocumentedResponse {
  description: string;
  content?: Record<string, MediaType>;
}
interface DocumentedOperation {
  operationId: string;
  responses: Record<string, DocumentedResponse>;
}
export interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, DocumentedOperation>>;
}

export class Contract {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true });
  private readonly operations = new Map<string, DocumentedOperation & { method: string; path: string }>();
  /** operationId → statuses seen. */
  readonly seen = new Map<string, Set<number>>();

  constructor(readonly document: OpenApi) {
    addFormats(this.ajv);
    // OpenAPI's own annotation, not a JSON Schema keyword.
    this.ajv.addKeyword("x-roles");
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        this.operations.set(operation.operationId, { ...operation, method, path });
      }
    }
  }

  get operationIds(): string[] {
    return [...this.operations.keys()].toSorted();
  }

  /** The operation's method and path with `{id}` filled in. */
  route(operationId: string, id?: string): { method: string; path: string } {
    const operation = this.operations.get(operationId);
    if (!operation) throw new Error(`${operationId} is not in the document`);
    return { method: operation.method, path: id ? operation.path.replace("{id}", id) : operation.path };
  }

  /**
   * Holds one answer to the document: its status must be documented for the operation, and
   * its body must match that status's schema (JSON) or media types (a file). Returns the body.
   */
  async check(operationId: string, response: APIResponse, expectedStatus?: number): Promise<unknown> {
    const operation = this.operations.get(operationId);
    expect(operation, `${operationId} is in the document`).toBeDefined();
    const status = response.status();
    const text = await response.text();
    if (expectedStatus !== undefined) expect(status, `${operationId}: ${text.slice(0, 500)}`).toBe(expectedStatus);
    const documented = operation!.responses[String(status)];
    expect(documented, `${operationId} answered ${status}, which the document does not list: ${text.slice(0, 500)}`).toBeDefined();
    (this.seen.get(operationId) ?? this.seen.set(operationId, new Set()).get(operationId)!).add(status);

    const contentType = (response.headers()["content-type"] ?? "").split(";")[0]!.trim();
    const content = documented!.content ?? {};
    expect(Object.keys(content), `${operationId} ${status} answered ${contentType}`).toContain(contentType);
    if (contentType !== "application/json") return response.body();
    const body: unknown = JSON.parse(text);
    const validate = this.ajv.compile(content[contentType]!.schema ?? {});
    const valid = validate(body);
    expect(valid, `${operationId} ${status} body against the document: ${this.ajv.errorsText(validate.errors)} ${JSON.stringify(validate.errors?.map((error) => error.params))}\n${text.slice(0, 1000)}`).toBe(true);
    return body;
  }

  /** Operations that document a 4xx but were never seen answering one. */
  untestedErrors(): string[] {
    return [...this.operations.values()]
      .filter((operation) => Object.keys(operation.responses).some((status) => status.startsWith("4")))
      .filter((operation) => ![...(this.seen.get(operation.operationId) ?? [])].some((status) => status >= 400 && status < 500))
      .map((operation) => operation.operationId);
  }
}
