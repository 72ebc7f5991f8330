// The patient's privacy section: the consent on record, a download of their data, and closing the account.
import Link from "next/link";
import { Card, Section } from "@/components/ui/card";
import type { DbClient } from "@/lib/db/prisma";
import { formatDateTime } from "@/lib/format";
import { findOpenClosureRequest } from "@/lib/privacy/closure";
import { CloseAccount } from "./close-account";

export async function PatientPrivacy({ db, patientId, timeZone }: { db: DbClient; patientId: string; timeZone: string }) {
  const [consent, closure] = await Promise.all([
    db.consent.findFirst({ where: { userId: patientId, scope: "HEALTH_DATA" }, orderBy: { givenAt: "desc" }, select: { givenAt: true, noticeVersion: true } }),
    findOpenClosureRequest(db, patientId),
  ]);
  const link = "font-semibold text-sage-800 underline underline-offset-4";
  return (
    <Section title="Your privacy" id="privacy">
      <Card className="flex flex-col gap-4">
        <p>
          {consent
            ? `You agreed on ${formatDateTime(consent.givenAt, timeZone)} that the clinic may use your health details for your care (privacy notice version ${consent.noticeVersion}).`
            : "You have not yet agreed that the clinic may use your health details; we ask before your first booking."}{" "}
          <Link href="/privacy" className={link}>
            Read the privacy notice
          </Link>
          .
        </p>
        <div>
          {/* A plain link: the browser downloads the JSON the API answers (a GET, so no form is needed). */}
          <a href="/api/v1/me/export" download="my-clinic-data.json" className="inline-flex min-h-11 items-center rounded-lg bg-sage-700 px-4 py-2 font-semibold text-white hover:bg-sage-800">
            Download my data
          </a>
          <p className="mt-1 text-sm text-muted">Everything the clinic keeps about you, as one JSON file: your profile, appointments, health answers, clearances and notes.</p>
        </div>
        {closure ? (
          <p role="status">You asked on {formatDateTime(closure.requestedAt, timeZone)} to close your account. The clinic will complete it soon.</p>
        ) : (
          <CloseAccount />
        )}
      </Card>
    </Section>
  );
}
