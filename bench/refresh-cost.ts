import type { Article, Db, Pipeline } from "../src/digest/index.js";
import type { GeneratedArticle } from "./generate-stream.js";
import { median } from "./parse-store-floor.js";

/** What refreshing costs per new report at one development size. */
export interface RefreshCost {
  size: number;
  /** Mean milliseconds per new report over `reports` reports (full redraws included), the median of the passes. */
  meanMs: number;
  /** The dearest of them: a full redraw, when one fell among them. */
  maxMs: number;
  reports: number;
}

/**
 * What a development's refresh costs per new report as it grows, as polls bring its reports one at a time: a
 * development gets reports from the stream (real-looking es/en texts), each filed and refreshed as the pipeline does
 * after a poll; once it has `size − 1`, the refreshes of the next reports are timed, enough of them to span half
 * its size (the drafts redraw a development in full once per half of its growth, so the mean always carries one
 * such redraw rather than hiding it). At size 1, each timed report is the first of a new development. Each size is
 * measured on `passes` developments of its own, and the median of their means is kept: this machine is shared.
 */
export function refreshCosts(
  pipeline: Pipeline,
  db: Db,
  reports: Iterator<GeneratedArticle>,
  sizes: readonly number[],
  minReports = 15,
  passes = 3,
): RefreshCost[] {
  const now = Date.now();
  const feedId = pipeline.feeds.ensure({ url: "https://bench.example/refresh.xml", publisher: "Refresh Outlet" });
  let serial = 0;
  const fileInto = (developmentId: number): number => {
    const next = reports.next();
    if (next.done) throw new Error("the stream ran out of reports");
    const article: Article = {
      ...next.value.article,
      id: `refresh-${developmentId}-${serial++}`,
      developmentId,
      copyOf: null,
      actorIds: [],
      relevance: 1,
    };
    // As a poll files it: the report and its development's refresh in one transaction, whose commit (where the search
    // index writes what the refresh gave it) is timed with the refresh.
    let start = 0;
    db.transaction(() => {
      pipeline.articles.insert(article, feedId, now);
      start = performance.now();
      pipeline.refresh(developmentId, now);
    })();
    return performance.now() - start;
  };
  const newDevelopment = (): number => {
    const id = pipeline.developments.nextId();
    pipeline.developments.ensure(id, now);
    return id;
  };
  const results: RefreshCost[] = [];
  for (const size of sizes) {
    const count = Math.max(minReports, Math.ceil(size / 2) + 1);
    const means: number[] = [];
    let maxMs = 0;
    for (let pass = 0; pass < passes; pass += 1) {
      const times: number[] = [];
      if (size <= 1) {
        for (let i = 0; i < count; i += 1) times.push(fileInto(newDevelopment()));
      } else {
        const id = newDevelopment();
        for (let filed = 0; filed < size - 1; filed += 1) fileInto(id);
        for (let i = 0; i < count; i += 1) times.push(fileInto(id));
      }
      means.push(times.reduce((sum, ms) => sum + ms, 0) / times.length);
      maxMs = Math.max(maxMs, ...times);
    }
    results.push({ size, meanMs: median(means), maxMs, reports: count });
  }
  return results;
}
