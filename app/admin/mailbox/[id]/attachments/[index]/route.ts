// Downloads one attachment of an outbox message (e.g. the .ics), for admins.
// Served as a download with a plain ASCII file name, never rendered inline.
import { z } from "zod";
import { requireApiRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { route } from "@/lib/http/respond";
import { parseAttachments } from "@/lib/mail/outbox";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.uuid(), index: z.coerce.number().int().min(0).max(99) });

export const GET = route(async (_request, { params }: { params: Promise<{ id: string; index: string }> }) => {
  await requireApiRole("ADMIN");
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) throw new NotFoundError();
  const message = await getDb().outboxMessage.findUnique({
    where: { id: parsed.data.id },
    select: { attachments: true },
  });
  const attachment = message ? parseAttachments(message.attachments)[parsed.data.index] : undefined;
  if (!attachment) throw new NotFoundError();

  return new Response(attachment.content, {
    headers: {
      "Content-Type": safeContentType(attachment.contentType),
      "Content-Disposition": contentDisposition(attachment.filename),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
});

/** The stored type when it is a plain `type/subtype`, as utf-8 text; anything odd becomes a byte stream. */
function safeContentType(value: string): string {
  const essence = value.split(";")[0]?.trim().toLowerCase() ?? "";
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(essence)
    ? `${essence}; charset=utf-8`
    : "application/octet-stream";
}

/** `attachment` with an ASCII fallback and the exact name in RFC 5987 form: no quotes, paths or line breaks get through. */
function contentDisposition(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? "";
  const ascii = base.replace(/[^A-Za-z0-9._ -]/g, "_").replace(/^[.\s]+/, "").slice(0, 100) || "attachment";
  const exact = encodeURIComponent(base.slice(0, 100) || "attachment").replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
