import type { ArticleSource, StoredArticle } from "../store/article-store.js";
import type { SourceLink } from "./views.js";

/** Up to `limit` links, newest first, one per publisher, never a syndicated copy or a non-web link. */
export function sourceLinks(articles: readonly ArticleSource[], limit = 3): SourceLink[] {
  const links: SourceLink[] = [];
  const publishers = new Set<string>();
  for (const article of [...articles].sort((a, b) => b.publishedAt - a.publishedAt)) {
    if (links.length >= limit) break;
    if (article.copyOf || !article.url || !/^https?:\/\//.test(article.url) || publishers.has(article.publisher))
      continue;
    publishers.add(article.publisher);
    links.push({ publisher: article.publisher, title: article.title, url: article.url });
  }
  return links;
}

/** Distinct publishers that reported it themselves (copies excluded) among these articles. */
export function independentPublishers(articles: readonly StoredArticle[]): Set<string> {
  return new Set(articles.filter((article) => !article.copyOf).map((article) => article.publisher));
}
