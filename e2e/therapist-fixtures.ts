// The therapist workspace specs' fixture: a started visit of the demo therapist's that waits to be recorded. A
// booking cannot start in the past, so the demo seeds a few (lib/seed/sessions.ts); each test takes one, by the API.
import type { APIRequestContext } from "@playwright/test";
import { expect } from "./fixtures";

export interface WaitingVisit {
  id: string;
  start: string;
  /** The visit's date in the clinic's time zone (YYYY-MM-DD), for the day view. */
  localDate: string;
}

/** The most recent started, still confirmed visit of the signed-in therapist without notes. */
export async function waitingVisit(api: APIRequestContext): Promise<WaitingVisit> {
  const now = new Date();
  const query = new URLSearchParams({ status: "confirmed", from: new Date(now.getTime() - 86_400_000).toISOString(), to: now.toISOString(), order: "desc" });
  const response = await api.get(`/api/v1/appointments?${query}`);
  expect(response.status()).toBe(200);
  const visits = ((await response.json()) as Array<{ id: string; start: string }>).filter((visit) => Date.parse(visit.start) < now.getTime());
  const visit = visits[0];
  expect(visit, "a started demo visit is waiting to be recorded").toBeDefined();
  const localDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date(visit!.start));
  return { ...visit!, localDate };
}
