import type { ArticleSource, StoredArticle } from "../store/article-store.js";
import type { SourceLink } from "./views.js";

/** Up to `limit` links, newest first, one per publisher, never a syndicated copy or a non-web link. */
export function sourceLinks(articles: readonly ArticleSource[], limit = 3): SourceLink[] {
  return linksNewestFirst(
    [...articles].sort((a, b) => b.publishedAt - a.publishedAt),
    limit,
  );
}

/**
 * The same links from reports already in newest-first order, read only until `limit` are found: a lazy query
 * stops there, so a list line reads a handful of rows, not all those it might need.
 */
export function linksNewestFirst(articles: Iterable<ArticleSource>, limit = 3): SourceLink[] {
  const links: SourceLink[] = [];
  const publishers = new Set<string>();
  if (limit <= 0) return links;
  for (const article of articles) {
    if (article.copyOf || !article.url || !/^https?:\/\//.test(article.url) || publishers.has(article.publisher))
      continue;
    publishers.add(article.publisher);
    links.push({ publisher: article.publisher, title: article.title, url: article.url });
    if (links.length >= limit) break;
  }
  return links;
}

/** Distinct publishers that reported it themselves (copies excluded) among these articles. */
export function independentPublishers(articles: readonly StoredArticle[]): Set<string> {
  return new Set(articles.filter((article) => !article.copyOf).map((article) => article.publisher));
}
