import { z } from "zod";

/**
 * Platform-neutral view models: everything a renderer needs, already in the chat's language.
 * Renderers (console, Telegram, Discord) only decide layout and escaping. The schemas validate
 * replies read back from the outbox; the types are inferred from them.
 */

// JSON drops undefined keys; this reads them back as present-but-undefined, as the views declare them.
const maybe = <T extends z.ZodType>(schema: T) => schema.optional().transform((value) => value);

/** A link to one outlet's report of a development. */
export const SourceLink = z.object({ publisher: z.string(), title: z.string(), url: z.string() });
export type SourceLink = z.infer<typeof SourceLink>;

/** One development as a digest shows it. */
export const DigestItem = z.object({
  developmentId: z.number(),
  isNew: z.boolean(),
  headline: z.string(),
  summary: z.string(),
  /** For an updated development: the newest report since the last digest, else undefined. */
  whatIsNew: maybe(z.string()),
  /** "5 medios (+2)". */
  publishersLabel: z.string(),
  actors: z.array(z.string()),
  links: z.array(SourceLink),
});
export type DigestItem = z.infer<typeof DigestItem>;

export const DigestView = z.object({
  title: z.string(),
  /** "2 nuevos · 1 actualizado · desde tu último resumen (…)", or the empty message. */
  header: z.string(),
  items: z.array(DigestItem),
  /** "… y 3 desarrollos más", when the budget left some out. */
  omitted: maybe(z.string()),
  /** The end of the window the digest covers (ms). */
  until: z.number(),
});
export type DigestView = z.infer<typeof DigestView>;

/** One development in a list (/latest, /timeline, /search, /actor). */
export const DevelopmentLine = z.object({
  developmentId: z.number(),
  status: z.enum(["new", "growing", "fading"]),
  /** "en curso" / "developing". */
  statusLabel: z.string(),
  date: z.string(),
  headline: z.string(),
  publishersLabel: z.string(),
  /** "fuera de esta historia" for a development off the story (listed by /search and /actor only), else undefined. */
  offStory: maybe(z.string()),
  links: z.array(SourceLink),
});
export type DevelopmentLine = z.infer<typeof DevelopmentLine>;

export const ActorView = z.object({
  name: z.string(),
  role: maybe(z.string()),
  profile: z.string(),
  developmentsTitle: z.string(),
  developments: z.array(DevelopmentLine),
  /** Shown when the actor is in no development yet. */
  emptyNote: maybe(z.string()),
  seenWith: maybe(z.string()),
});
export type ActorView = z.infer<typeof ActorView>;

/** An alert for a new development, or an update that follows one. */
export const AlertView = z.object({
  /** "Alerta" / "Update". */
  label: z.string(),
  headline: z.string(),
  summary: z.string(),
  /** For an update: what is new since the alert. */
  whatIsNew: maybe(z.string()),
  publishersLabel: z.string(),
  actors: z.array(z.string()),
  links: z.array(SourceLink),
});
export type AlertView = z.infer<typeof AlertView>;

/** A sentence of a report that answers a question, with its outlet and date. */
export const AnswerSentence = z.object({
  text: z.string(),
  /** "[EN]" when the sentence is in the other language than the chat's (no report in the chat's answered), else undefined. */
  languageTag: maybe(z.string()),
  publisher: z.string(),
  /** The report's date, as the chat reads it ("12 dic"). */
  date: z.string(),
  url: z.string(),
  developmentId: z.number(),
});
export type AnswerSentence = z.infer<typeof AnswerSentence>;

/** The answer to a question: sentences from the reports, or "not yet" with the developments nearest to it. */
export const AnswerView = z.object({
  /** "Esto dicen las noticias:" when sentences answer; "Todavía no lo sé…" when none does. */
  title: z.string(),
  sentences: z.array(AnswerSentence),
  /** "Lo más cercano:", over `nearest`, when there are any. */
  nearestTitle: maybe(z.string()),
  nearest: z.array(DevelopmentLine),
});
export type AnswerView = z.infer<typeof AnswerView>;

/** One report of a development: when, who, its title, and its link when it has a web address. */
export const ReportLine = z.object({
  date: z.string(),
  publisher: z.string(),
  title: z.string(),
  url: maybe(z.string()),
});
export type ReportLine = z.infer<typeof ReportLine>;

/** A development's reports: its Sources (one per outlet), or its More (a longer summary, then the reports in order). */
export const ReportsView = z.object({
  title: z.string(),
  /** The longer summary the More button shows; undefined for Sources. */
  summary: maybe(z.string()),
  reports: z.array(ReportLine),
});
export type ReportsView = z.infer<typeof ReportsView>;

/** One feed as /sources shows it: who, in what state, its last good read, and why it fails when it does. */
export const FeedLine = z.object({
  publisher: z.string(),
  state: z.enum(["active", "failing", "disabled", "quarantined"]),
  /** "activa" / "con fallos" / …. */
  stateLabel: z.string(),
  /** "última lectura buena: 12 dic 10:00 · 40 artículos". */
  detail: z.string(),
  /** "último error (12 dic 10:00): timeout: …" when the feed is failing now, else undefined. */
  error: maybe(z.string()),
});
export type FeedLine = z.infer<typeof FeedLine>;

/** One actor in a list, with the command that tells more about it. */
export const ActorLine = z.object({
  name: z.string(),
  /** Its role now ("Presidente de Colombia"), for a registry actor that has one. */
  role: maybe(z.string()),
  /** "3 artículos, 2 medios" for an actor found in the news. */
  note: maybe(z.string()),
  /** "/actor petro". */
  command: z.string(),
});
export type ActorLine = z.infer<typeof ActorLine>;

/** Actors of one kind ("Personas"), or one untitled group. */
export const ActorGroup = z.object({ title: maybe(z.string()), actors: z.array(ActorLine) });
export type ActorGroup = z.infer<typeof ActorGroup>;

/** One answer a user may pick: what it says, and the command that picking it runs. */
export const Choice = z.object({ label: z.string(), command: z.string() });
export type Choice = z.infer<typeof Choice>;

/** What the core answers to a command. */
export const Reply = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("digest"), digest: DigestView }),
  z.object({ kind: z.literal("alert"), alert: AlertView }),
  z.object({ kind: z.literal("actor"), actor: ActorView }),
  /** A list of developments; `intro` is a paragraph before its title (the welcome of /start). */
  z.object({
    kind: z.literal("developments"),
    intro: maybe(z.string()),
    title: z.string(),
    lines: z.array(DevelopmentLine),
  }),
  /** /sources: the state of every feed. */
  z.object({ kind: z.literal("feeds"), title: z.string(), empty: maybe(z.string()), feeds: z.array(FeedLine) }),
  /** /actors and /actors new: actors in groups, each with the command that tells more. */
  z.object({ kind: z.literal("actors"), title: z.string(), empty: maybe(z.string()), groups: z.array(ActorGroup) }),
  /** A development's Sources or More, each report with its own link for the adapter to show as it can. */
  z.object({ kind: z.literal("reports"), reports: ReportsView }),
  /** The answer to a question asked in words (a mention, /ask, a sentence in the console). */
  z.object({ kind: z.literal("answer"), answer: AnswerView }),
  z.object({ kind: z.literal("text"), title: z.string().optional(), lines: z.array(z.string()) }),
  /** A question back, when a request fits several things: buttons on Telegram and Discord, a numbered list in the console. */
  z.object({ kind: z.literal("choices"), question: z.string(), choices: z.array(Choice).min(2) }),
  z.object({ kind: z.literal("error"), text: z.string() }),
]);
export type Reply = z.infer<typeof Reply>;
