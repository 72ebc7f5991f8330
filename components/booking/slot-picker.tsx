"use client";

import Link from "next/link";
import { useEffect, useMemo, useState } from "react";

export interface PickedSlot {
  start: string;
  end: string;
  therapistId: string;
}

interface Props {
  massageType: string;
  duration: number;
  /** Omit for "first available" across every therapist of the type. */
  therapistId?: string;
  timeZone: string;
  value?: PickedSlot;
  onChange: (slot: PickedSlot) => void;
  therapistNames?: Record<string, string>;
  /** Days ahead to offer: the clinic's whole booking horizon (settings.bookingHorizonDays). */
  days: number;
  /** Offer no time before this (e.g. a held booking needs time for the physician). */
  notBefore?: Date;
  error?: string;
}

const DAY_MS = 86_400_000;
/** Days per availability request: under the API's limit (MAX_RANGE_DAYS, 62). */
const WINDOW_DAYS = 60;

type Load = { state: "loading" } | { state: "error"; message: string } | { state: "ready"; slots: PickedSlot[] };

function localDate(iso: string, timeZone: string) {
  // en-CA formats as YYYY-MM-DD: a sortable key for the clinic's calendar day.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
}

/** Days with free times, then the times of the chosen day, in the clinic's time zone. */
export function SlotPicker({ massageType, duration, therapistId, timeZone, value, onChange, therapistNames, days, notBefore, error }: Props) {
  // What was loaded, and for which question: a new question shows "loading" until its answer comes.
  const question = `${massageType}|${duration}|${therapistId ?? ""}|${days}`;
  const [answer, setAnswer] = useState<Load & { question: string }>({ state: "loading", question: "" });
  const load = useMemo<Load>(() => (answer.question === question ? answer : { state: "loading" }), [answer, question]);
  const [day, setDay] = useState<string>();
  const viewerZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);

  useEffect(() => {
    const controller = new AbortController();
    const from = Date.now();
    const end = from + days * DAY_MS;
    // The API answers at most 62 days a request; a longer horizon (up to a year) is asked for in windows, side by side.
    const windows: Array<[number, number]> = [];
    for (let at = from; at < end; at += WINDOW_DAYS * DAY_MS) windows.push([at, Math.min(at + WINDOW_DAYS * DAY_MS, end)]);
    const fetchWindow = async ([start, stop]: [number, number]) => {
      const query = new URLSearchParams({
        massageType,
        duration: String(duration),
        from: new Date(start).toISOString(),
        to: new Date(stop).toISOString(),
        ...(therapistId ? { therapistId } : {}),
      });
      const response = await fetch(`/api/v1/availability?${query}`, { signal: controller.signal });
      const body = (await response.json()) as { message?: string; slots?: PickedSlot[] };
      if (!response.ok || !body.slots) throw new Error(body.message ?? "Free times could not be loaded.");
      return body.slots;
    };
    Promise.all(windows.map(fetchWindow))
      .then((parts) => {
        // A slot straddling two windows' edge may come back from both: keep it once.
        const seen = new Set<string>();
        const slots = parts.flat().filter((slot) => {
          const key = `${slot.start}|${slot.therapistId}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        setAnswer({ state: "ready", slots, question });
      })
      .catch((failure: unknown) => {
        if (controller.signal.aborted) return;
        setAnswer({ state: "error", message: failure instanceof Error ? failure.message : "Free times could not be loaded.", question });
      });
    return () => controller.abort();
  }, [massageType, duration, therapistId, days, question]);

  const byDay = useMemo(() => {
    const groups = new Map<string, PickedSlot[]>();
    if (load.state !== "ready") return groups;
    for (const slot of load.slots) {
      if (notBefore && new Date(slot.start) < notBefore) continue;
      const key = localDate(slot.start, timeZone);
      groups.set(key, [...(groups.get(key) ?? []), slot]);
    }
    return groups;
  }, [load, timeZone, notBefore]);

  const selectedDay = day ?? (value ? localDate(value.start, timeZone) : byDay.keys().next().value);
  const dayLabel = (key: string) =>
    new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${key}T12:00:00Z`));
  const time = (iso: string, zone: string) =>
    new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: zone }).format(new Date(iso));
  const zoneName = (zone: string) =>
    new Intl.DateTimeFormat("en-GB", { timeZone: zone, timeZoneName: "long" }).formatToParts(new Date()).find((p) => p.type === "timeZoneName")?.value ?? zone;

  return (
    <div className="flex min-h-72 flex-col gap-4" aria-busy={load.state === "loading"}>
      <p className="text-sm text-muted">
        Times are in the clinic&apos;s time zone: {zoneName(timeZone)} ({timeZone}).
        {viewerZone !== timeZone ? ` Your own time is shown in brackets (${zoneName(viewerZone)}).` : ""}
      </p>
      {load.state === "loading" ? <p role="status">Loading free times…</p> : null}
      {load.state === "error" ? (
        <p role="alert" className="font-medium text-danger-700">
          {load.message}
        </p>
      ) : null}
      {load.state === "ready" && byDay.size === 0 ? (
        <p role="status" className="rounded-lg bg-sage-50 p-3">
          No free times in the next {days} days. Try another therapist, massage type or length.
        </p>
      ) : null}
      {byDay.size > 0 ? (
        <>
          <fieldset>
            <legend className="mb-2 font-semibold">Day</legend>
            <div className="grid grid-cols-3 gap-2 sm:grid-cols-5">
              {[...byDay.keys()].map((key) => (
                <label
                  key={key}
                  className="flex min-h-11 cursor-pointer items-center justify-center rounded-lg border border-line bg-white px-2 py-2 text-center text-sm has-[:checked]:border-sage-700 has-[:checked]:bg-sage-700 has-[:checked]:text-white has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-sage-600"
                >
                  <input type="radio" name="slot-day" className="sr-only" checked={key === selectedDay} onChange={() => setDay(key)} />
                  {dayLabel(key)}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset aria-describedby={error ? "slot-error" : undefined}>
            <legend className="mb-2 font-semibold">Time on {selectedDay ? dayLabel(selectedDay) : ""}</legend>
            <div className="grid grid-cols-3 gap-2 sm:grid-cols-6">
              {(selectedDay ? (byDay.get(selectedDay) ?? []) : []).map((slot) => {
                const checked = value?.start === slot.start && value.therapistId === slot.therapistId;
                return (
                  <label
                    key={`${slot.start}-${slot.therapistId}`}
                    className="flex min-h-11 cursor-pointer flex-col items-center justify-center rounded-lg border border-line bg-white px-2 py-1 text-center has-[:checked]:border-sage-700 has-[:checked]:bg-sage-700 has-[:checked]:text-white has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-sage-600"
                  >
                    <input type="radio" name="slot-time" className="sr-only" checked={checked} onChange={() => onChange(slot)} />
                    <span className="font-semibold">{time(slot.start, timeZone)}</span>
                    {viewerZone !== timeZone ? <span className="text-xs">({time(slot.start, viewerZone)})</span> : null}
                    {!therapistId && therapistNames ? <span className="text-xs">{therapistNames[slot.therapistId]}</span> : null}
                  </label>
                );
              })}
            </div>
          </fieldset>
        </>
      ) : null}
      <p id="slot-error" className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
        {error ?? ""}
      </p>
      {load.state === "ready" ? (
        <p className="text-sm">
          {byDay.size === 0 ? "Nothing free? " : "No time suits you, or your day is full? "}
          <Link
            href={`/waitlist/new?${new URLSearchParams({ massageType, duration: String(duration), ...(therapistId ? { therapistId } : {}) })}`}
            className="font-semibold text-sage-800 underline underline-offset-4"
          >
            Join the waitlist
          </Link>{" "}
          and we will offer you a time that frees up.
        </p>
      ) : null}
    </div>
  );
}
