import { setPasswordWithToken } from "@/lib/account/password-reset";
import { getDb } from "@/lib/db";
import { requestAddress } from "@/lib/http/context";
import { json, readJson, route } from "@/lib/http/respond";
import { passwordResetConfirmSchema } from "@/lib/validation/account";

/** Public: the mail link's token sets a new password and ends every session. 200; 410 used/expired; 422 weak. */
export const POST = route(async (request) => {
  const input = await readJson(request, passwordResetConfirmSchema);
  await setPasswordWithToken(getDb(), input, { ipAddress: requestAddress(request) });
  return json({ message: "Your password is set. Sign in with it; every earlier session has ended." });
});
