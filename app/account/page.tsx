import type { Metadata } from "next";
import { EmailChangeForm, PasswordChangeForm, ProfileForm } from "@/components/account/account-forms";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader, Section } from "@/components/ui/card";
import { getProfile } from "@/lib/account/profile";
import { requireUser } from "@/lib/auth/guards";
import { ROLE_LABEL } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Your account" };

const SAVED: Record<string, string> = {
  password: "Your password is changed. Every other device you were signed in on is signed out.",
  email: "Your email is changed: sign in with the new address from now on. The old address has been told.",
};

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const user = await requireUser("/account");
  const profile = await getProfile(getDb(), user);
  const saved = SAVED[(await searchParams).saved ?? ""];
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Your account" lead={`Your details, email and password (${ROLE_LABEL[user.role].toLowerCase()} account).`} />
      {saved ? <Alert tone="info">{saved}</Alert> : null}
      <Section title="Your details" id="details">
        <Card>
          <ProfileForm profile={profile} />
        </Card>
      </Section>
      <Section title="Email" id="email">
        <Card>
          <EmailChangeForm email={profile.email} pendingEmail={profile.pendingEmail} />
        </Card>
      </Section>
      <Section title="Password" id="password">
        <Card>
          <PasswordChangeForm email={profile.email} />
        </Card>
      </Section>
    </div>
  );
}
