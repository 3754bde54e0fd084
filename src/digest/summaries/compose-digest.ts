import type { StoryPack } from "../content/load-story-pack.js";
import { ON_STORY } from "../developments/story-relevance.js";
import { messagesFor } from "../i18n/messages-for.js";
import type { Lang } from "../model.js";
import type { ArticleStore } from "../store/article-store.js";
import type { DevelopmentStore } from "../store/development-store.js";
import { buildDigest } from "./build-digest.js";
import type { DigestView } from "./views.js";

/** What composing a digest reads: the story, its developments, and how to name actors. */
export interface DigestSources {
  pack: StoryPack;
  developments: DevelopmentStore;
  articles: ArticleStore;
  actorName: (actorId: string, lang: Lang) => string;
  /** Characters the adapter can show in one digest. */
  budget: number;
}

/** The digest of (since, until] for a chat in `lang`, read from the store: the same for /digest and the schedule. */
export function composeDigest(
  sources: DigestSources,
  window: { lang: Lang; since: number; until: number; sinceLastDigest: boolean },
): DigestView {
  const { developments, articles } = sources;
  return buildDigest({
    storyTitle: sources.pack.settings.titles[window.lang],
    lang: window.lang,
    messages: messagesFor(window.lang),
    timeZone: sources.pack.settings.timeZone,
    since: window.since,
    until: window.until,
    sinceLastDigest: window.sinceLastDigest,
    developments: developments
      .seenBetween(window.since, window.until, 200, ON_STORY)
      .map((development) => ({ development, articles: articles.of(development.id) })),
    actorName: (id) => sources.actorName(id, window.lang),
    maxChars: sources.budget,
  });
}
