import Link from "next/link";
import type { UseFormRegisterReturn } from "react-hook-form";
import { PRIVACY_NOTICE_VERSION } from "@/lib/privacy/notice";

/** The explicit consent to the processing of health data, with the notice it refers to (sign-up and booking). */
export function ConsentCheckbox({ registration, error }: { registration: UseFormRegisterReturn; error?: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label className="flex cursor-pointer gap-3 rounded-xl border border-line bg-white p-3 has-[:checked]:border-sage-700 has-[:checked]:bg-sage-50">
        <input
          type="checkbox"
          id="healthDataConsent"
          className="mt-1 size-5 shrink-0 accent-sage-700"
          aria-invalid={error ? true : undefined}
          aria-describedby="healthDataConsent-hint healthDataConsent-error"
          {...registration}
        />
        <span>
          <span className="block font-medium">I agree that the clinic may use my health details for my care</span>
          <span id="healthDataConsent-hint" className="block text-sm text-muted">
            Your answers about pain and health, your physician&apos;s clearance and your therapist&apos;s notes. Who sees them and how long we
            keep them is in the{" "}
            <Link href="/privacy" target="_blank" className="font-semibold text-sage-800 underline underline-offset-4">
              privacy notice
            </Link>{" "}
            (version {PRIVACY_NOTICE_VERSION}).
          </span>
        </span>
      </label>
      <p id="healthDataConsent-error" className="min-h-5 text-sm font-medium text-danger-700" aria-live="polite">
        {error ?? ""}
      </p>
    </div>
  );
}
