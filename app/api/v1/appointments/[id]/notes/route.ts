import { requireApiUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { recordId, requestAddress } from "@/lib/http/context";
import { json, readJson, route } from "@/lib/http/respond";
import { saveSessionNote, sessionNoteJson } from "@/lib/notes/notes";
import { sessionNoteSchema } from "@/lib/validation/notes";

/** Its therapist writes (or, until the note lock, rewrites) the session's notes: 201 the first time, 200 after. */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const id = await recordId(params);
  const user = await requireApiUser();
  const input = await readJson(request, sessionNoteSchema);
  const { note, created } = await saveSessionNote(getDb(), { user, appointmentId: id, input, ipAddress: requestAddress(request) });
  return json(sessionNoteJson(note), created ? 201 : 200);
});
