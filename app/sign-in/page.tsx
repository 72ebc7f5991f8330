import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, PageHeader } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/guards";
import { ROLE_HOME } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const user = await getCurrentUser();
  if (user) redirect(ROLE_HOME[user.role]);
  const { callbackUrl } = await searchParams;
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title="Sign in" lead="Patients, therapists, physicians and clinic staff all sign in here." />
      <Card>
        <SignInForm returnTo={callbackUrl} />
      </Card>
      <p className="mt-4 text-center">
        New patient?{" "}
        <Link href="/sign-up" className="font-semibold text-sage-800 underline underline-offset-4">
          Create an account
        </Link>
      </p>
    </div>
  );
}
