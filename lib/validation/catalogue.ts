// The therapist directory's query string, as GET /api/v1/therapists reads it (and as the
// OpenAPI document describes it: lib/api-docs).
import { z } from "zod";
import { MASSAGE_TYPE_SLUGS } from "@/lib/catalogue/massage-types";

/** GET /api/v1/therapists?massageType */
export const therapistsQuerySchema = z.object({
  massageType: z
    .enum(MASSAGE_TYPE_SLUGS, { error: `massageType must be one of: ${MASSAGE_TYPE_SLUGS.join(", ")}.` })
    .optional(),
});
