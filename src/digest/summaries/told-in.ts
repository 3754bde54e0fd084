import type { Development, Lang } from "../model.js";

/** A development's headline and summary as a chat reads them, and the language they are in. */
export interface Told {
  headline: string;
  summary: string;
  lang: Lang;
}

/**
 * Headline and summary in the chat's language when a report in it exists; otherwise both in the language of the
 * reports, the headline tagged with it ("[EN] …"), so no item mixes languages and none passes for a translation.
 */
export function toldIn(development: Pick<Development, "headline" | "summary">, lang: Lang): Told {
  const other: Lang = lang === "es" ? "en" : "es";
  const own = development.headline[lang];
  if (own !== undefined) return { headline: own, summary: development.summary[lang] ?? "", lang };
  const foreign = development.headline[other];
  if (foreign === undefined) return { headline: "", summary: "", lang };
  return { headline: `${languageTag(other)} ${foreign}`, summary: development.summary[other] ?? "", lang: other };
}

/** "[EN]", "[ES]": the mark of a text left in the language it was reported in. */
export function languageTag(lang: Lang): string {
  return `[${lang.toUpperCase()}]`;
}
