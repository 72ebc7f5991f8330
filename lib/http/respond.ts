// Where typed errors become HTTP answers: `{ error, message, fields? }`.
import { z } from "zod";
import { AppError, BadRequestError, ValidationError, type FieldErrors } from "@/lib/errors";

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

export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new BadRequestError("invalid_json", "The request body must be valid JSON.");
  }
  return parseOrThrow(schema, body);
}

type Handler<Ctx> = (request: Request, context: Ctx) => Promise<Response>;

/** Wraps a route handler: typed errors become their documented answer, anything else a logged 500. */
export function route<Ctx>(handler: Handler<Ctx>): Handler<Ctx> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof AppError) return errorResponse(error);
      console.error("Unhandled error in", request.method, new URL(request.url).pathname, error);
      return json({ error: "internal", message: "Something went wrong on our side. Please try again." }, 500);
    }
  };
}
