import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Card, PageHeader, Section } from "@/components/ui/card";
import { PRIVACY_NOTICE_DATE, PRIVACY_NOTICE_VERSION } from "@/lib/privacy/notice";

export const metadata: Metadata = { title: "Privacy notice" };

// When this text changes in substance, raise PRIVACY_NOTICE_VERSION (lib/privacy/notice.ts): consents name the version.
function Part({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Section title={title} id={id}>
      <Card className="flex flex-col gap-3 leading-relaxed">{children}</Card>
    </Section>
  );
}

export default function PrivacyPage() {
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Privacy notice"
        lead={`How the clinic looks after what you tell us. Version ${PRIVACY_NOTICE_VERSION}, in force since ${PRIVACY_NOTICE_DATE}.`}
      />
      <Part title="What we collect" id="collect">
        <ul className="list-disc pl-5">
          <li>Your account: your name, email address and password (we keep only a scrambled form of the password). Later, if you add them, your phone number and date of birth.</li>
          <li>Your appointments: which massage, with whom, when, and whether you came or cancelled.</li>
          <li>
            Your health answers: where it hurts and how much, and the health questions we ask before every booking (fever, injuries, heart problems,
            cancer, diabetes, osteoporosis and other serious conditions).
          </li>
          <li>A physician&apos;s clearance, when your health needs one: the document you upload, and the physician&apos;s decision and any limits.</li>
          <li>Your therapist&apos;s notes after each session, and your pain before and after.</li>
          <li>A log of who did what and when (for example, who read a clearance document), so we can show that your data was handled properly.</li>
        </ul>
      </Part>
      <Part title="Why, and your consent" id="why">
        <p>
          We use this only to book and give you safe treatment. Health details are special: we take them only after you tick the box that says
          you agree (at sign-up, or before your first booking). We record which version of this notice you agreed to and when.
        </p>
        <p>We never sell your data, never use it for advertising, and never put health details in an email.</p>
      </Part>
      <Part title="Who sees it" id="who">
        <ul className="list-disc pl-5">
          <li>You.</li>
          <li>The therapist of each of your appointments: your health answers, any physician&apos;s limits and their own notes.</li>
          <li>The physician you choose for a clearance: that request and its document.</li>
          <li>Clinic staff, to run the clinic. Every reading of a clearance document and every decision is logged.</li>
        </ul>
      </Part>
      <Part title="How long we keep it" id="keep">
        <p>
          Appointments, health answers, clearances and session notes are medical records: the law requires the clinic to keep them for years after
          your last visit (in the Netherlands, 20 years). Your account, email address and phone number we keep only while you have an account.
        </p>
      </Part>
      <Part title="Your rights" id="rights">
        <ul className="list-disc pl-5">
          <li>
            <strong>See and take your data:</strong> on your page, &ldquo;Download my data&rdquo; gives you everything we keep about you as one file.
          </li>
          <li>
            <strong>Close your account:</strong> on your page, ask us to close it. We then remove your login and your contact details. Your medical
            records stay, as the law requires, but no longer carry your name.
          </li>
          <li>
            <strong>Correct or complain:</strong> ask the clinic (contact details at the bottom of every page and in every mail), or your data
            protection authority.
          </li>
        </ul>
      </Part>
    </div>
  );
}
