import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/guards";
import { ROLE_HOME } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; password?: string }> }) {
  const user = await getCurrentUser();
  if (user) redirect(ROLE_HOME[user.role]);
  const { callbackUrl, password } = await searchParams;
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title="Sign in" lead="Patients, therapists, physicians and clinic staff all sign in here." />
      {password === "set" ? (
        <div className="mb-4">
          <Alert tone="info">Your password is set, and every earlier session has ended. Sign in with the new password.</Alert>
        </div>
      ) : null}
      <Card>
        <SignInForm returnTo={callbackUrl} />
        <p className="mt-4 text-center">
          <Link href="/password/forgot" className="font-semibold text-sage-800 underline underline-offset-4">
            Forgot your password?
          </Link>
        </p>
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
