import type { Metadata } from "next";
import { ConfirmEmailButton } from "@/components/account/confirm-email-button";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { peekEmailChange } from "@/lib/account/profile";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { mailTokenSchema } from "@/lib/validation/account";

export const metadata: Metadata = { title: "Confirm your new email", referrer: "no-referrer" };

/** The link mailed to the new address. Only the signed-in owner of the account can confirm it (the action checks). */
export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const raw = (await searchParams).token;
  const token = mailTokenSchema.safeParse(Array.isArray(raw) ? raw[0] : raw);
  await requireUser(token.success ? `/account/email?token=${encodeURIComponent(token.data)}` : "/account");
  const seen = token.success ? await peekEmailChange(getDb(), token.data) : ({ ok: false, message: "This link is incomplete. Open it again from the mail." } as const);
  return (
    <div className="mx-auto max-w-md">
      <PageHeader title="Confirm your new email" lead={seen.ok ? `From now on you will sign in with ${seen.newEmail}.` : undefined} />
      <Card>{seen.ok && token.success ? <ConfirmEmailButton token={token.data} /> : <Alert tone="warning">{seen.ok ? null : seen.message}</Alert>}</Card>
    </div>
  );
}
