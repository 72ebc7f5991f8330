import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/account/set-password-form";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { peekSetPasswordToken, tokenGone } from "@/lib/account/password-reset";
import { getDb } from "@/lib/db";
import { mailTokenSchema } from "@/lib/validation/account";

export const metadata: Metadata = { title: "Choose your password", referrer: "no-referrer" };

/** The page behind every reset and invitation link: it reads the link without using it; the form uses it. */
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const raw = (await searchParams).token;
  const token = mailTokenSchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  const seen = token.success ? await peekSetPasswordToken(getDb(), token.data) : ({ ok: false, reason: "unknown" } as const);
  if (!seen.ok) {
    return (
      <div className="mx-auto max-w-md">
        <PageHeader title="This link does not work" />
        <Card>
          <div className="flex flex-col gap-4">
            <Alert tone="warning">{tokenGone(seen.reason).message}</Alert>
            <p>
              <Link href="/password/forgot" className="font-semibold text-sage-800 underline underline-offset-4">
                Ask for a new link
              </Link>{" "}
              or{" "}
              <Link href="/sign-in" className="font-semibold text-sage-800 underline underline-offset-4">
                sign in
              </Link>
              . Staff waiting for their first password: ask the clinic for a new invitation.
            </p>
          </div>
        </Card>
      </div>
    );
  }
  const invitation = seen.purpose === "INVITATION";
  return (
    <div className="mx-auto max-w-md">
      <PageHeader
        title={invitation ? "Choose your password" : "Choose a new password"}
        lead={
          invitation
            ? `Welcome, ${seen.name}. Choose the password you will sign in with as ${seen.email}.`
            : `For ${seen.email}. Saving it signs you out on every device; then you sign in with the new password.`
        }
      />
      <Card>
        <SetPasswordForm token={token.data!} email={seen.email} />
      </Card>
    </div>
  );
}
