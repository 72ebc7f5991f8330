import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { signOut } from "@/lib/auth";
import { getCurrentUser } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Sign out" };

async function signOutAction() {
  "use server";
  await signOut({ redirectTo: "/" });
}

export default async function SignOutPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/");
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title="Sign out" lead={`You are signed in as ${user.email}.`} />
      <Card>
        <form action={signOutAction}>
          <Button type="submit" className="w-full">
            Sign out
          </Button>
        </form>
      </Card>
    </div>
  );
}
