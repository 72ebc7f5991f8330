// Where typed errors become HTTP answers: `{ error, message, fields? }`.
import { z } from "zod";
import { AppError, BadRequestError, UnsupportedMediaTypeError, ValidationError, type FieldErrors } from "@/lib/errors";
import { assertSameOrigin } from "./origin";

export function json(body: unknown, init?: number | ResponseInit): Response {
  const options = typeof init === "number" ? { status: init } : init;
  return Response.json(body, {
    ...options,
    headers: { "Cache-Control": "no-store", ...options?.headers },
  });
}

export function errorResponse(error: AppError): Response {
  return json(
    { error: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}), ...error.extra },
    { status: error.status, headers: error.headers },
  );
}

/** Zod issues as `{ "a.b": "first message" }`, the shape forms and API clients read. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError("Some answers need another look.", fieldErrors(result.error));
  return result.data;
}

/** Only `application/json` is read as JSON: a form or text/plain body (what another site can post) is refused, 415. */
export function isJsonContentType(value: string | null): boolean {
  return value?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  if (!isJsonContentType(request.headers.get("content-type"))) {
    throw new UnsupportedMediaTypeError("Send the request body as JSON, with Content-Type: application/json.");
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new BadRequestError("invalid_json", "The request body must be valid JSON.");
  }
  return parseOrThrow(schema, body);
}

type Handler<Ctx> = (request: Request, context: Ctx) => Promise<Response>;

/**
 * Wraps a route handler: a state-changing request from another site is refused (lib/http/origin.ts) before the
 * handler runs; typed errors become their documented answer, anything else a logged 500.
 */
export function route<Ctx>(handler: Handler<Ctx>): Handler<Ctx> {
  return async (request, context) => {
    try {
      assertSameOrigin(request);
      return await handler(request, context);
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error);
      console.error("Unhandled error in", request.method, new URL(request.url).pathname, error);
      return json({ error: "internal", message: "Something went wrong on our side. Please try again." }, 500);
    }
  };
}
