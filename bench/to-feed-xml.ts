import type { GeneratedArticle } from "./generate-stream.js";

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Generated articles as RSS 2.0 documents of `perFeed` items, one language per document, as a polled
 * outlet would serve them: what both Hilo's pipeline and bare rss-parser read in the benchmark.
 */
export function toFeedDocuments(
  articles: readonly GeneratedArticle[],
  perFeed: number,
): { lang: "es" | "en"; xml: string; items: number }[] {
  const out: { lang: "es" | "en"; xml: string; items: number }[] = [];
  for (const lang of ["es", "en"] as const) {
    const mine = articles.filter((a) => a.article.lang === lang);
    for (let i = 0; i < mine.length; i += perFeed) {
      const items = mine.slice(i, i + perFeed).map(({ article }) => {
        const link = `https://bench.example/${lang}/${article.id.slice(0, 16)}`;
        return `<item><title>${escapeXml(article.title)}</title><link>${link}</link><guid isPermaLink="false">${article.id}</guid><pubDate>${new Date(article.publishedAt).toUTCString()}</pubDate><description>${escapeXml(article.text)}</description></item>`;
      });
      out.push({
        lang,
        items: items.length,
        xml: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench ${lang}</title><link>https://bench.example/</link><description>generated</description>${items.join("")}</channel></rss>`,
      });
    }
  }
  return out;
}
