import { z } from "zod";

/** The two languages Hilo reads and answers in. */
export const Lang = z.enum(["es", "en"]);
export type Lang = z.infer<typeof Lang>;

/** A text given in both languages. */
export const LocalizedText = z.object({ es: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z.iso.date();

/** One item of a feed after decoding and normalisation, before it is stored. */
export interface ArticleInput {
  /** SHA-256 hex of the identity key (guid, link or title+date), unique per feed. */
  id: string;
  feedUrl: string;
  publisher: string;
  /** Canonical URL (tracking parameters and AMP variants removed), or null when the item has none. */
  url: string | null;
  title: string;
  /** Plain text: HTML stripped, entities decoded, whitespace collapsed. */
  text: string;
  lang: Lang;
  /** Publication time in ms since the epoch; the ingest time when the feed gave none. */
  publishedAt: number;
}

/** An article as stored, with the development it joined. */
export interface Article extends ArticleInput {
  developmentId: number;
  /** Id of the earlier article this one nearly duplicates (a syndicated copy), else null. */
  copyOf: string | null;
  actorIds: string[];
  /** How much it belongs to the story, 0 to 1. */
  relevance: number;
}

/** One real-world event, however many outlets reported it. */
export interface Development {
  id: number;
  headline: Partial<Record<Lang, string>>;
  summary: Partial<Record<Lang, string>>;
  actorIds: string[];
  /** Glossary concepts its reports touch. */
  conceptIds: string[];
  /** Distinct publishers that reported it themselves: a syndicated copy adds no publisher. */
  publishers: string[];
  articleCount: number;
  firstSeen: number;
  lastSeen: number;
  /** How much it belongs to the story, 0 to 1: the mean of its original reports'. At ON_STORY or more, it is on it. */
  relevance: number;
}
