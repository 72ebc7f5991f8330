import { requireApiUser } from "@/lib/auth/guards";
import { MAX_DOCUMENT_BYTES, uploadClearanceDocument } from "@/lib/clearance/documents";
import { withUploadedFile } from "@/lib/clearance/upload-multipart";
import { getDb } from "@/lib/db";
import { appUrl, recordId, requestAddress } from "@/lib/http/context";
import { json, route } from "@/lib/http/respond";
import { getDocumentStorage } from "@/lib/storage";

export const dynamic = "force-dynamic";

/**
 * The patient or the addressed physician uploads a clearance document (multipart field `file`).
 * 201 `{ id, sha256 }`; 413 over 10 MB; 415 not a PDF, JPEG or PNG by content; 422 empty or an absurd image.
 */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const clearanceId = await recordId(params);
  const user = await requireApiUser();
  return withUploadedFile(request, { maxFileBytes: MAX_DOCUMENT_BYTES }, async (file) => {
    const document = await uploadClearanceDocument(getDb(), getDocumentStorage(), {
      uploader: user,
      clearanceId,
      file: { content: file.content, filename: file.filename, declaredType: file.declaredType },
      appUrl: appUrl(),
      ipAddress: requestAddress(request),
    });
    return json({ id: document.id, sha256: document.sha256 }, 201);
  });
});
