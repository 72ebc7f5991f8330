// For the day-before health check's e2e specs: a check that is open now, whatever the time of day and the
// weekday. The clinic's check hour goes to 0 (a check opens at midnight the day before), and a therapist of
// the spec's own works every day, all day, so a time within the next day is always free. `close()` puts the
// hour back and takes the therapist's hours away (no longer bookable), so later specs see the demo clinic.
import type { APIRequestContext } from "@playwright/test";
import { expect } from "./fixtures";

export async function openHealthCheckClinic(admin: APIRequestContext) {
  const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  expect((await admin.patch("/api/v1/admin/settings", { data: { healthCheckHour: 0 } })).status()).toBe(200);
  const expires = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  const created = await admin.post("/api/v1/admin/therapists", {
    data: {
      name: `Health Check Therapist ${tag.slice(-6)}`,
      email: `health-check-${tag}@example.com`,
      certificationNumber: `LMT-HC-${tag}`,
      certificationExpiresOn: expires,
      massageTypes: ["swedish"],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const therapistId = ((await created.json()) as { id: string }).id;
  const week = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "24:00" }));
  expect((await admin.put(`/api/v1/admin/therapists/${therapistId}/hours`, { data: week })).status()).toBe(200);
  return {
    therapistId,
    async close() {
      expect((await admin.put(`/api/v1/admin/therapists/${therapistId}/hours`, { data: [] })).status()).toBe(200);
      expect((await admin.patch("/api/v1/admin/settings", { data: { healthCheckHour: 18 } })).status()).toBe(200);
    },
  };
}

/** A free Swedish 60-minute start of the therapist within the next 20 hours: its check (opening at midnight the day before) is open. */
export async function openCheckStart(api: APIRequestContext, therapistId: string): Promise<string> {
  const from = new Date(Date.now() + 3 * 3_600_000).toISOString();
  const to = new Date(Date.now() + 20 * 3_600_000).toISOString();
  const query = new URLSearchParams({ therapistId, massageType: "swedish", duration: "60", from, to });
  const response = await api.get(`/api/v1/availability?${query}`);
  expect(response.status()).toBe(200);
  const slots = ((await response.json()) as { slots: Array<{ start: string }> }).slots;
  expect(slots.length, "free times for the health check").toBeGreaterThan(0);
  return slots[Math.floor(Math.random() * slots.length)]!.start;
}

export async function isFree(api: APIRequestContext, therapistId: string, start: string): Promise<boolean> {
  const from = new Date(Date.parse(start) - 3_600_000).toISOString();
  const to = new Date(Date.parse(start) + 2 * 3_600_000).toISOString();
  const query = new URLSearchParams({ therapistId, massageType: "swedish", duration: "60", from, to });
  const slots = ((await (await api.get(`/api/v1/availability?${query}`)).json()) as { slots: Array<{ start: string }> }).slots;
  return slots.some((slot) => slot.start === start);
}
