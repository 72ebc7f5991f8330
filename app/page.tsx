import { ButtonLink } from "@/components/ui/button";
import { Card, Section } from "@/components/ui/card";
import { listBookableTherapists, listMassageTypes } from "@/lib/catalogue/queries";
import { getDb } from "@/lib/db";
import { CLEARANCE_CONDITIONS, REFUSING_CONDITIONS } from "@/lib/screening/conditions";

export const dynamic = "force-dynamic";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

export default async function HomePage() {
  const db = getDb();
  const [massageTypes, therapists] = await Promise.all([listMassageTypes(db), listBookableTherapists(db)]);
  const typeNames = new Map(massageTypes.map((type) => [type.slug, type.name]));

  return (
    <>
      <section className="rounded-3xl bg-sage-50 px-5 py-8 sm:px-10 sm:py-12">
        <h1 className="max-w-2xl text-3xl font-bold tracking-tight text-sage-800 sm:text-4xl">
          Massage therapy for back pain, by certified therapists
        </h1>
        <p className="mt-3 max-w-2xl text-lg text-muted">
          Most back pain comes from strained muscles. Working the right muscles, with the right technique, eases the
          tension and helps them heal, whether your pain started last week or has been with you for years.
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          <ButtonLink href="/sign-up">Create an account to book</ButtonLink>
          <ButtonLink href="/self-care" variant="secondary">
            Neck and shoulder self-care
          </ButtonLink>
        </div>
      </section>

      <Section title="Three kinds of massage" id="massage-types">
        <p className="mb-4 max-w-2xl text-muted">
          Massage is not one-size-fits-all. If one kind does not bring relief, another may: many of our therapists
          work with more than one.
        </p>
        <ul className="grid gap-4 sm:grid-cols-3">
          {massageTypes.map((type) => (
            <li key={type.slug}>
              <Card className="h-full">
                <h3 className="text-lg font-semibold text-sage-800">{type.name}</h3>
                <p className="mt-1 font-medium">{type.summary}</p>
                <p className="mt-2 text-sm text-muted">{type.description}</p>
                <p className="mt-3 text-sm">
                  <span className="font-semibold">Sessions:</span> {type.durations.join(", ")} minutes
                </p>
              </Card>
            </li>
          ))}
        </ul>
      </Section>

      <Section title="What massage can do for your back" id="benefits">
        <ul className="grid gap-3 sm:grid-cols-3">
          <li>
            <Card className="h-full">
              <h3 className="font-semibold">Better blood flow</h3>
              <p className="mt-1 text-sm text-muted">
                Stroking and kneading bring oxygen and blood to sore muscles and carry away the waste that keeps them
                aching.
              </p>
            </Card>
          </li>
          <li>
            <Card className="h-full">
              <h3 className="font-semibold">Less pain</h3>
              <p className="mt-1 text-sm text-muted">
                Loosening strained muscles eases recent pain and helps with pain that has lasted for months.
              </p>
            </Card>
          </li>
          <li>
            <Card className="h-full">
              <h3 className="font-semibold">Beyond the back</h3>
              <p className="mt-1 text-sm text-muted">
                Many people also sleep better and feel less anxious or low after their sessions.
              </p>
            </Card>
          </li>
        </ul>
      </Section>

      <Section title="When massage is not advised" id="safety">
        <div className="grid gap-4 sm:grid-cols-2">
          <Card>
            <h3 className="font-semibold text-danger-700">Please do not book while you have</h3>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {REFUSING_CONDITIONS.map((rule) => (
                <li key={rule.key}>{rule.label}</li>
              ))}
            </ul>
            <p className="mt-3 text-sm text-muted">Book again once you have recovered.</p>
          </Card>
          <Card>
            <h3 className="font-semibold text-clay-700">Ask your physician first if you have</h3>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              {CLEARANCE_CONDITIONS.map((rule) => (
                <li key={rule.key}>{rule.label}</li>
              ))}
            </ul>
            <p className="mt-3 text-sm text-muted">
              We reserve your time and confirm it once your physician&apos;s clearance is uploaded and approved.
            </p>
          </Card>
        </div>
      </Section>

      <Section title="Our therapists" id="therapists">
        {therapists.length === 0 ? (
          <p className="text-muted">Our therapists will be listed here soon.</p>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2">
            {therapists.map((therapist) => (
              <li key={therapist.id}>
                <Card className="h-full">
                  <h3 className="text-lg font-semibold">{therapist.name}</h3>
                  {therapist.bio ? <p className="mt-1 text-sm text-muted">{therapist.bio}</p> : null}
                  <p className="mt-2 text-sm">
                    <span className="font-semibold">Offers:</span>{" "}
                    {therapist.massageTypes.map((slug) => typeNames.get(slug) ?? slug).join(", ")}
                  </p>
                  <p className="mt-1 text-sm">
                    <span className="font-semibold">Certified massage therapist</span>, no.{" "}
                    {therapist.certificationNumber}, valid until {dateFormat.format(therapist.certificationExpiry)}
                  </p>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
