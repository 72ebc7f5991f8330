import { openApiDocument } from "@/lib/api-docs/document";

// The document depends on code only: built once, at build time.
export const dynamic = "force-static";

/** Public: the OpenAPI 3.1 description of /api/v1 (lib/api-docs), cacheable. */
export function GET(): Response {
  return Response.json(openApiDocument(), {
    headers: { "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" },
  });
}
