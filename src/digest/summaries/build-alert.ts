import type { Messages } from "../i18n/messages.js";
import type { Development, Lang } from "../model.js";
import type { StoredArticle } from "../store/article-store.js";
import { independentPublishers, sourceLinks } from "./source-links.js";
import { toldIn } from "./told-in.js";
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
  const told = toldIn(development, lang);
  return {
    label: whatIsNew === undefined ? messages.alertLabel : messages.updateLabel,
    headline: told.headline || (articles.at(-1)?.title ?? ""),
    summary: whatIsNew === undefined ? told.summary : "",
    whatIsNew,
    publishersLabel: messages.publishers(independentPublishers(articles).size, 0),
    actors: development.actorIds.slice(0, 4).map(actorName),
    links: sourceLinks(articles, 3),
  };
}
