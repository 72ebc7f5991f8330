import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Card, PageHeader } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/guards";
import { ROLE_HOME } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  const user = await getCurrentUser();
  if (user) redirect(ROLE_HOME[user.role]);
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title="Create your patient account" lead="You need an account to book, so you can see, move or cancel your appointments." />
      <Card>
        <SignUpForm />
      </Card>
      <p className="mt-4 text-center">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-semibold text-sage-800 underline underline-offset-4">
          Sign in
        </Link>
      </p>
    </div>
  );
}
