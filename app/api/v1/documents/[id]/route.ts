import { requireApiUser } from "@/lib/auth/guards";
import { documentResponseHeaders, readClearanceDocument } from "@/lib/clearance/documents";
import { getDb } from "@/lib/db";
import { recordId, requestAddress } from "@/lib/http/context";
import { route } from "@/lib/http/respond";
import { getDocumentStorage } from "@/lib/storage";

export const dynamic = "force-dynamic";

/** The file, to its patient, the addressed physician and admins (audited); inline, or `?download=1` to save it. */
export const GET = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const documentId = await recordId(params);
  const user = await requireApiUser();
  const file = await readClearanceDocument(getDb(), getDocumentStorage(), {
    viewer: user,
    documentId,
    ipAddress: requestAddress(request),
  });
  const download = new URL(request.url).searchParams.get("download") === "1";
  return new Response(new Uint8Array(file.body), { status: 200, headers: documentResponseHeaders(file, { download }) });
});
