"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { AppError, ClinicalRefusalError, type FieldErrors } from "@/lib/errors";
import { actionContext } from "@/lib/http/context";
import { fieldErrors } from "@/lib/http/respond";
import { claimOffer } from "@/lib/waitlist/claim";
import { joinWaitlist, leaveWaitlist } from "@/lib/waitlist/entries";
import { declineOffer } from "@/lib/waitlist/offers";
import { waitlistClaimSchema, waitlistJoinSchema } from "@/lib/validation/waitlist";

const idSchema = z.uuid();

export type WaitlistActionResult =
  | { outcome: "invalid"; message?: string; fields?: FieldErrors }
  | { outcome: "refused"; reasons: Array<{ key: string; label: string; why: string }> }
  | { outcome: "gone"; message: string; appointmentId?: string };

export async function joinAction(input: unknown): Promise<WaitlistActionResult> {
  const user = await requireRole("PATIENT", "/waitlist/new");
  const parsed = waitlistJoinSchema.safeParse(input);
  if (!parsed.success) return { outcome: "invalid", message: "Some answers need another look.", fields: fieldErrors(parsed.error) };
  try {
    const { ipAddress } = await actionContext();
    await joinWaitlist(getDb(), { patient: user, join: parsed.data, ipAddress });
  } catch (error) {
    if (error instanceof AppError) return { outcome: "invalid", message: error.message, fields: error.fields };
    throw error;
  }
  redirect("/patient?joined=1#waitlist");
}

export async function leaveAction(entryId: string): Promise<{ message?: string }> {
  const user = await requireRole("PATIENT", "/patient");
  const id = idSchema.safeParse(entryId);
  if (!id.success) return { message: "No such waitlist entry." };
  try {
    const { ipAddress } = await actionContext();
    await leaveWaitlist(getDb(), { patient: user, entryId: id.data, ipAddress });
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  }
  redirect("/patient#waitlist");
}

export async function claimAction(offerId: string, input: unknown): Promise<WaitlistActionResult> {
  const user = await requireRole("PATIENT", `/waitlist/offers/${offerId}`);
  const id = idSchema.safeParse(offerId);
  if (!id.success) return { outcome: "gone", message: "No such offer." };
  const parsed = waitlistClaimSchema.safeParse(input);
  if (!parsed.success) return { outcome: "invalid", message: "Some answers need another look.", fields: fieldErrors(parsed.error) };
  let appointmentId: string;
  try {
    const result = await claimOffer(getDb(), { patient: user, offerId: id.data, claim: parsed.data, ...(await actionContext()) });
    appointmentId = result.id;
  } catch (error) {
    if (error instanceof ClinicalRefusalError) return { outcome: "refused", reasons: error.reasons };
    if (error instanceof AppError && error.code === "offer_gone") {
      // Claimed a moment ago in another window of the same patient: say so, not "gone".
      const offer = await getDb().waitlistOffer.findFirst({ where: { id: id.data, entry: { patientId: user.id } }, select: { appointmentId: true } });
      if (offer?.appointmentId) return { outcome: "gone", message: "You have claimed this time already, in another window.", appointmentId: offer.appointmentId };
      return { outcome: "gone", message: error.message };
    }
    if (error instanceof AppError && error.code === "not_found") return { outcome: "gone", message: error.message };
    if (error instanceof AppError) return { outcome: "invalid", message: error.message, fields: error.fields };
    throw error;
  }
  redirect(`/appointments/${appointmentId}`);
}

export async function declineAction(offerId: string): Promise<{ message?: string }> {
  const user = await requireRole("PATIENT", `/waitlist/offers/${offerId}`);
  const id = idSchema.safeParse(offerId);
  if (!id.success) return { message: "No such offer." };
  try {
    await declineOffer(getDb(), { patient: user, offerId: id.data, ...(await actionContext()) });
  } catch (error) {
    if (error instanceof AppError) return { message: error.message };
    throw error;
  }
  redirect("/patient#waitlist");
}
