import type { StoredArticle } from "../src/digest/store/article-store.js";
import type { NewsStores } from "../src/digest/store/news-stores.js";

/** Every filed article with the actors linked to it, oldest first: what the evaluations score (and tests inspect). */
export function articlesWithActors(
  news: Pick<NewsStores, "articles" | "mentions">,
): (StoredArticle & { actorIds: string[] })[] {
  const actors = news.mentions.actorsByArticle();
  return news.articles.all().map((article) => ({ ...article, actorIds: actors.get(article.id) ?? [] }));
}
