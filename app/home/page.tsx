import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";
import { ROLE_HOME } from "@/lib/auth/roles";

/** Where sign-in lands: each role has its own home. */
export default async function HomeRedirect() {
  const user = await requireUser("/home");
  redirect(ROLE_HOME[user.role]);
}
