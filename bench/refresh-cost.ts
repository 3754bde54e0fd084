import type { Article, Pipeline } from "../src/digest/index.js";
import type { GeneratedArticle } from "./generate-stream.js";
import { median } from "./parse-store-floor.js";

/**
 * What refreshing one development costs as it grows: its reports are filed into one development (taken from the
 * stream, so real-looking es/en texts), and after each size is reached the refresh a new report triggers is timed
 * `repeats` times, as the pipeline runs it (with the readings it keeps of recent reports). Returns the median
 * milliseconds per size.
 */
export function refreshCosts(
  pipeline: Pipeline,
  reports: Iterator<GeneratedArticle>,
  sizes: readonly number[],
  repeats = 15,
): { size: number; ms: number }[] {
  const developmentId = pipeline.developments.nextId();
  const now = Date.now();
  pipeline.developments.ensure(developmentId, now);
  const feedId = pipeline.feeds.ensure({ url: "https://bench.example/refresh.xml", publisher: "Refresh Outlet" });
  let filed = 0;
  const results: { size: number; ms: number }[] = [];
  for (const size of [...sizes].sort((a, b) => a - b)) {
    for (; filed < size; filed += 1) {
      const next = reports.next();
      if (next.done) throw new Error("the stream ran out of reports");
      const article: Article = {
        ...next.value.article,
        id: `refresh-${developmentId}-${filed}`,
        developmentId,
        copyOf: null,
        actorIds: [],
        relevance: 1,
      };
      pipeline.articles.insert(article, feedId, now);
    }
    const times: number[] = [];
    for (let i = 0; i < repeats; i += 1) {
      const start = performance.now();
      pipeline.refresh(developmentId, now);
      times.push(performance.now() - start);
    }
    results.push({ size, ms: median(times) });
  }
  return results;
}
