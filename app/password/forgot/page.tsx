import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/account/forgot-password-form";
import { Card, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title="Forgot your password?" lead="Give the email address you sign in with. We will mail you a link to choose a new password." />
      <Card>
        <ForgotPasswordForm />
      </Card>
      <p className="mt-4 text-center">
        Remembered it?{" "}
        <Link href="/sign-in" className="font-semibold text-sage-800 underline underline-offset-4">
          Sign in
        </Link>
      </p>
    </div>
  );
}
