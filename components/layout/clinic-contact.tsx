// The clinic's contact details where a patient needs them: the footer of every
// page, and every "call the clinic" message (with the number as a tel: link,
// so a phone dials it). From the clinic's settings; nothing is written twice.
import { contactLines, telHref, type ClinicContact } from "@/lib/clinic-contact";

const link = "font-semibold text-sage-800 underline underline-offset-4";

/** "please call the clinic on +31 20 555 0142": the number dials; without one, the clinic's email, else the plain words. */
export function CallTheClinic({ clinic }: { clinic: ClinicContact }) {
  const phone = clinic.phone.trim();
  const email = clinic.email.trim();
  if (phone) {
    return (
      <>
        please call the clinic on{" "}
        <a href={telHref(phone)} className={`${link} whitespace-nowrap`}>
          {phone}
        </a>
      </>
    );
  }
  if (email) {
    return (
      <>
        please contact the clinic at{" "}
        <a href={`mailto:${email}`} className={link}>
          {email}
        </a>
      </>
    );
  }
  return <>please contact the clinic</>;
}

/** The clinic's name, address, phone and email, for the page footer. */
export function ClinicAddress({ clinic }: { clinic: ClinicContact }) {
  const phone = clinic.phone.trim();
  const email = clinic.email.trim();
  if (contactLines(clinic).length === 0) return null;
  return (
    <address className="not-italic" aria-label="The clinic's contact details">
      <span className="font-semibold text-ink">{clinic.clinicName}</span>
      {clinic.address.trim() ? <span className="block">{clinic.address.trim()}</span> : null}
      {phone ? (
        <span className="block">
          Phone:{" "}
          <a href={telHref(phone)} className="underline underline-offset-4">
            {phone}
          </a>
        </span>
      ) : null}
      {email ? (
        <span className="block">
          Email:{" "}
          <a href={`mailto:${email}`} className="underline underline-offset-4">
            {email}
          </a>
        </span>
      ) : null}
    </address>
  );
}
