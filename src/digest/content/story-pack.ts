import { z } from "zod";
import { IsoDate, Lang, LocalizedText } from "../model.js";
import { isTimeZone } from "../schedule/local-time.js";

/** A date range is read with ISO dates, which compare as strings. */
function fromBeforeTo(range: { from?: string | undefined; to?: string | undefined }): boolean {
  return range.from === undefined || range.to === undefined || range.from <= range.to;
}

/** A list check: the same key twice is reported at the second entry. */
function noneTwice<T>(key: (entry: T) => string, field: string) {
  return (entries: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      const value = key(entry);
      if (seen.has(value))
        ctx.addIssue({ code: "custom", message: `${JSON.stringify(value)} is listed twice`, path: [index, field] });
      seen.add(value);
    });
  };
}

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "use lowercase letters, digits and hyphens");

/** A live feed a user can switch on; never fetched by tests. */
export const FeedSettings = z.object({
  url: z.url({ protocol: /^https?$/ }),
  publisher: z.string().min(1),
  lang: Lang,
  trusted: z.boolean().default(false),
});
export type FeedSettings = z.infer<typeof FeedSettings>;

/** When a development is worth an alert (used by the live-operation issue). */
export const AlertPolicy = z.object({
  minPublishers: z.number().int().min(1).default(2),
  requireTrackedTerm: z.boolean().default(true),
});

/** A bundled demo feed file (in the story's demo/ folder) and who "published" it. */
export const DemoFeed = z.object({
  file: z.string().regex(/^[a-z0-9-]+\.xml$/, "a file name in demo/, like diario-caribe.xml"),
  publisher: z.string().min(1),
  lang: Lang,
});
export type DemoFeed = z.infer<typeof DemoFeed>;

/**
 * How much a name or concept says a report belongs to the story: `core` ones define it (the asylum, the raid, the
 * man at its centre), `context` ones appear in it and in plenty of unrelated news too (a head of state, a country).
 */
export const Relevance = z.enum(["core", "context"]);
export type Relevance = z.infer<typeof Relevance>;

/** story.json: what the story is and where its news comes from. */
export const StorySettings = z.object({
  id: Slug,
  titles: LocalizedText,
  /** A paragraph per language saying what the story is about, as an editor would brief a newcomer. */
  description: LocalizedText.optional(),
  languages: z.array(Lang).min(1),
  timeZone: z
    .string()
    .min(1)
    .refine(isTimeZone, {
      error: (issue) =>
        `${JSON.stringify(issue.input)} is not an IANA time zone; use a name such as America/Caracas or Europe/Madrid`,
    })
    .default("America/Caracas"),
  alertPolicy: AlertPolicy.default({ minPublishers: 2, requireTrackedTerm: true }),
  feeds: z
    .array(FeedSettings)
    .min(1)
    .superRefine(noneTwice((feed) => feed.url, "url")),
  demoFeeds: z
    .array(DemoFeed)
    .default([])
    .superRefine(noneTwice((feed) => feed.file, "file")),
});
export type StorySettings = z.infer<typeof StorySettings>;

/** glossary.json: one concept of the story with its words in each language (nouns and verb forms). */
export const GlossaryConcept = z.object({
  id: Slug,
  es: z.array(z.string().min(1)).min(1),
  en: z.array(z.string().min(1)).min(1),
  /** `action`: what someone does in an event (expel, raid, sue, rule); `topic`: what it is about. */
  kind: z.enum(["action", "topic"]).default("topic"),
  relevance: Relevance.default("context"),
});
export type GlossaryConcept = z.infer<typeof GlossaryConcept>;
export const Glossary = z.array(GlossaryConcept).min(1);

/** A phrase such as "el mandatario venezolano" that names an actor only while the condition holds. */
export const DescriptiveAlias = z
  .object({
    phrase: z.string().min(1),
    /** The phrase names the actor only for articles published on or after this date. */
    from: IsoDate.optional(),
    /** … and on or before this date. */
    to: IsoDate.optional(),
  })
  .refine(fromBeforeTo, { error: "`to` is before `from`", path: ["to"] });
export type DescriptiveAlias = z.infer<typeof DescriptiveAlias>;

export const ActorRole = z
  .object({
    title: LocalizedText,
    from: IsoDate,
    to: IsoDate.optional(),
  })
  .refine(fromBeforeTo, { error: "`to` is before `from`", path: ["to"] });
export type ActorRole = z.infer<typeof ActorRole>;

export const ActorKind = z.enum(["person", "government", "organisation", "military-unit", "facility"]);

/** actors.json: a person, government, organisation or military unit of the story. */
export const Actor = z.object({
  id: Slug,
  kind: ActorKind,
  names: LocalizedText,
  /** Other names and spellings; for a person the first is the short name chats use ("Petro"). */
  aliases: z.array(z.string().min(1)).default([]),
  descriptive: z.array(DescriptiveAlias).default([]),
  roles: z.array(ActorRole).default([]),
  /** ISO 3166-1 alpha-2 code. */
  country: z.string().regex(/^[A-Z]{2}$/),
  profile: LocalizedText,
  relevance: Relevance.default("context"),
  /**
   * Aliases that are also common words or someone else's name ("Correa", a belt; "La Roca", a prison or an actor;
   * "Noboa", the president or his father): one links only when the same article names the actor otherwise or
   * says one of its `context` words.
   */
  ambiguousAliases: z.array(z.string().min(1)).default([]),
  /** Words and phrases that, in the same article, confirm an ambiguous alias means this actor. */
  context: z.array(z.string().min(1)).default([]),
});
export type Actor = z.infer<typeof Actor>;
export const ActorList = z.array(Actor).min(1);

/**
 * content/world/actors.json: countries and international bodies every story may name. A country links to a pack's
 * own government actor of that country when there is one, else to itself; none of them is a grouping anchor.
 */
export const WorldActor = z.object({
  id: Slug,
  kind: z.enum(["government", "organisation"]),
  country: z.string().regex(/^[A-Z]{2}$/),
  names: LocalizedText,
  aliases: z.array(z.string().min(1)).default([]),
});
export type WorldActor = z.infer<typeof WorldActor>;
export const WorldActorList = z.array(WorldActor);

/** labels.json: the truth about the demo corpus, for tests and `hilo eval`. */
export const DemoLabels = z.object({
  developments: z.record(
    Slug,
    z.object({ title: z.string().min(1), date: IsoDate, distractor: z.boolean().default(false) }),
  ),
  /** Keyed by the item's <link> (Atom: link href) exactly as written in the feed file. */
  items: z.record(
    z.string().url(),
    z.object({
      feed: z.string().min(1),
      development: Slug,
      /** Other developments the same article also reports. */
      also: z.array(Slug).default([]),
      actors: z.array(Slug),
      /** Set on a syndicated near-verbatim copy: the link of the original. */
      copyOf: z.string().url().optional(),
    }),
  ),
});
export type DemoLabels = z.infer<typeof DemoLabels>;

/** places.json: places the story names; they anchor similarity and are not emerging actors. */
export const Place = z.object({
  id: Slug,
  names: z.array(z.string().min(1)).min(1),
});
export type Place = z.infer<typeof Place>;
export const PlaceList = z.array(Place).min(1);
