import { clientAddress } from "@/lib/auth/throttle";
import { getDb } from "@/lib/db";
import { json, readJson, route } from "@/lib/http/respond";
import { registerPatient } from "@/lib/users/register";
import { registerSchema } from "@/lib/validation/auth";

/** Public: a patient creates an account. 201 {id}; 422 invalid; 409 email in use. */
export const POST = route(async (request) => {
  const input = await readJson(request, registerSchema);
  const user = await registerPatient(getDb(), input, clientAddress(request.headers));
  return json({ id: user.id }, 201);
});
