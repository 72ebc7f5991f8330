// The privacy notice's version: the one place it is written. Raise it whenever the text of app/privacy/page.tsx
// changes in substance; every consent records the version the person agreed to (docs/decisions/0021).
export const PRIVACY_NOTICE_VERSION = "2026-12-04";

/** The date the notice took effect, for the page. */
export const PRIVACY_NOTICE_DATE = "4 December 2026";

/** The row of a health-data consent to the current notice (lib/privacy/consent.ts records it, audited; factories use it as is). */
export function healthDataConsentRow(userId: string, givenAt?: Date) {
  return { userId, scope: "HEALTH_DATA" as const, noticeVersion: PRIVACY_NOTICE_VERSION, ...(givenAt ? { givenAt } : {}) };
}
