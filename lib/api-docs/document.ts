// The OpenAPI 3.1 document of /api/v1, built from the registry (./operations.ts)
// with zod's own JSON Schema conversion: request schemas as the route accepts
// them (io "input"), answers as the route writes them (io "output").
import { z } from "zod";
import { OPERATIONS, TAGS, type Operation, type ResponseSpec } from "./operations";

type JsonSchema = Record<string, unknown>;

export const SESSION_COOKIE_SCHEME = "sessionCookie";

/** One zod schema as a JSON Schema (draft 2020-12, OpenAPI 3.1's dialect), without the noise a reader does not need. */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    override: ({ jsonSchema }) => {
      // z.int() states JavaScript's safe-integer range; a reader learns nothing from it.
      const json = jsonSchema as JsonSchema;
      if (json.minimum === Number.MIN_SAFE_INTEGER) delete json.minimum;
      if (json.maximum === Number.MAX_SAFE_INTEGER) delete json.maximum;
    },
  }) as JsonSchema;
  delete converted.$schema;
  return converted;
}

function parameters(operation: Operation) {
  const list: JsonSchema[] = [];
  if (operation.pathId) {
    list.push({ name: "id", in: "path", required: true, description: operation.pathId, schema: { type: "string", format: "uuid" } });
  }
  if (operation.query) {
    const query = jsonSchemaOf(operation.query, "input");
    const required = new Set((query.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((query.properties ?? {}) as Record<string, JsonSchema>)) {
      const { description, ...rest } = schema;
      list.push({ name, in: "query", required: required.has(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  for (const [name, header] of Object.entries(operation.headers ?? {})) {
    list.push({ name, in: "header", required: false, description: header.description, schema: jsonSchemaOf(header.schema, "input") });
  }
  return list;
}

function requestBody(operation: Operation) {
  if (operation.json) {
    return { required: true, content: { "application/json": { schema: jsonSchemaOf(operation.json, "input") } } };
  }
  if (operation.multipartFile) {
    const field = operation.multipartFile;
    return {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            properties: { [field]: { type: "string", contentMediaType: "application/octet-stream", description: "The file." } },
            required: [field],
          },
        },
      },
    };
  }
  return undefined;
}

function response(spec: ResponseSpec) {
  const headers = spec.headers
    ? Object.fromEntries(
        Object.entries(spec.headers).map(([name, header]) => [name, { description: header.description, schema: jsonSchemaOf(header.schema, "output") }]),
      )
    : undefined;
  const content = spec.schema
    ? { "application/json": { schema: jsonSchemaOf(spec.schema, "output") } }
    : spec.binary
      ? Object.fromEntries(spec.binary.map((type) => [type, { schema: { type: "string", contentMediaType: type } }]))
      : undefined;
  return { description: spec.description, ...(headers ? { headers } : {}), ...(content ? { content } : {}) };
}

function accessWords(access: Operation["access"]): string {
  if (access === "public") return "Public: no session needed.";
  if (access === "any") return "Any signed-in user; each sees what their role may.";
  return `Signed in as: ${access.map((role) => role.toLowerCase()).join(", ")}.`;
}

function operationObject(operation: Operation) {
  const body = requestBody(operation);
  return {
    operationId: operation.id,
    tags: [operation.tag],
    summary: operation.summary,
    description: [operation.description, accessWords(operation.access)].filter(Boolean).join("\n\n"),
    ...(operation.access === "public" ? { security: [] } : {}),
    "x-roles": operation.access,
    parameters: parameters(operation),
    ...(body ? { requestBody: body } : {}),
    responses: Object.fromEntries(Object.entries(operation.responses).map(([status, spec]) => [status, response(spec)])),
  };
}

export function buildOpenApiDocument(operations: readonly Operation[] = OPERATIONS) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    (paths[operation.path] ??= {})[operation.method] = operationObject(operation);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Back-care Massage Clinic API",
      version: "1",
      license: { name: "Proprietary: the clinic's own API, for its integrators", identifier: "LicenseRef-Proprietary" },
      description:
        "The JSON API behind the clinic's booking site. Times are UTC instants (ISO 8601); statuses are lower case. " +
        "Every error answers `{ error, message, fields? }`: `error` a stable code, `message` words to show a person, " +
        "`fields` the message per invalid field. Sign in through next-auth (`POST /api/auth/callback/credentials` with " +
        "the token from `GET /api/auth/csrf`); the session is a cookie.",
    },
    servers: [{ url: "/", description: "The site that serves this document." }],
    security: [{ [SESSION_COOKIE_SCHEME]: [] }],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      securitySchemes: {
        [SESSION_COOKIE_SCHEME]: {
          type: "apiKey",
          in: "cookie",
          name: "authjs.session-token",
          description: "next-auth's session cookie (a signed JWT), set by signing in; `__Secure-authjs.session-token` over https.",
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

let built: OpenApiDocument | undefined;
/** The document, built once per process (it depends on code only). */
export function openApiDocument(): OpenApiDocument {
  return (built ??= buildOpenApiDocument());
}
