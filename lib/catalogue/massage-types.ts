// The clinic's three massage types, written from its guidance
// (the clinic's written guidance). The seed puts them in the database; the pages
// and the API read them from there.
export const MASSAGE_TYPE_SLUGS = ["swedish", "deep-tissue", "myofascial"] as const;
export type MassageTypeSlug = (typeof MASSAGE_TYPE_SLUGS)[number];

export interface MassageTypeDefinition {
  slug: MassageTypeSlug;
  name: string;
  summary: string;
  description: string;
  durations: number[];
  sortOrder: number;
}

export const MASSAGE_TYPES: readonly MassageTypeDefinition[] = [
  {
    slug: "swedish",
    name: "Swedish massage",
    summary: "Whole-body relaxation for muscles and joints.",
    description:
      "A whole-body massage that relaxes the muscles and joints, also called relaxation massage. Long strokes and kneading bring more blood and oxygen to tense muscles, which helps clear the waste products that keep them sore.",
    durations: [30, 60, 90],
    sortOrder: 1,
  },
  {
    slug: "deep-tissue",
    name: "Deep tissue massage",
    summary: "Deeper pressure; suits chronic back pain.",
    description:
      "Close to Swedish massage in its strokes, but with deeper pressure. It suits people whose back pain is chronic, where the tension sits in the deeper layers of muscle.",
    durations: [60, 90],
    sortOrder: 2,
  },
  {
    slug: "myofascial",
    name: "Myofascial trigger point therapy",
    summary: "Targets pain that comes from the tissue supporting the muscles.",
    description:
      "Also called myofascial massage. It works on pain that starts in the myofascial tissues, the tough membranes that wrap and support the muscles, pressing on tight points until they release.",
    durations: [30, 60],
    sortOrder: 3,
  },
];

/** A massage type inside a sentence: "Swedish massage" keeps its capital (a proper adjective), "deep tissue massage" needs none. */
export function typeInSentence(slug: string): string {
  return nameInSentence(MASSAGE_TYPES.find((type) => type.slug === slug)?.name ?? slug);
}

/** The same for a type's name as stored: a name that starts with a proper adjective keeps its capital. */
export function nameInSentence(name: string): string {
  return /^(Swedish)\b/.test(name) ? name : name.charAt(0).toLowerCase() + name.slice(1);
}
