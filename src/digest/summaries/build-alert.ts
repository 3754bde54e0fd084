import type { Messages } from "../i18n/messages.js";
import type { Development, Lang } from "../model.js";
import type { StoredArticle } from "../store/development-store.js";
import { localized } from "./build-digest.js";
import { independentPublishers, sourceLinks } from "./source-links.js";
import type { AlertView } from "./views.js";

/** The alert for a development, or, with `whatIsNew`, the update that follows it. */
export function buildAlert(
  development: Development,
  articles: readonly StoredArticle[],
  lang: Lang,
  messages: Messages,
  actorName: (actorId: string) => string,
  whatIsNew?: string,
): AlertView {
  return {
    label: whatIsNew === undefined ? messages.alertLabel : messages.updateLabel,
    headline: localized(development.headline, lang) ?? articles.at(-1)?.title ?? "",
    summary: whatIsNew === undefined ? (localized(development.summary, lang) ?? "") : "",
    whatIsNew,
    publishersLabel: messages.publishers(independentPublishers(articles).size, 0),
    actors: development.actorIds.slice(0, 4).map(actorName),
    links: sourceLinks(articles, 3),
  };
}
