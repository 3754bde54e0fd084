import { contentStems } from "../src/digest/developments/article-features.js";
import { TermStats } from "../src/digest/developments/term-stats.js";
import type { Lang } from "../src/digest/model.js";
import { tokenize } from "../src/digest/text/tokenize.js";
import { firstBytes, firstWords, type RougeSettings, rougeRecall } from "./rouge.js";

/** One document of a summarisation cluster. */
export interface SummaryDoc {
  id: string;
  title: string;
  text: string;
  /** Ms since the epoch, when the dataset says. */
  publishedAt?: number | undefined;
}

/** A cluster of documents with the summaries people wrote of it. */
export interface SummaryCluster {
  id: string;
  docs: SummaryDoc[];
  references: string[];
}

/** ROUGE-1 and ROUGE-2 recall of one system, averaged over clusters (each already averaged over its references). */
export interface SummaryScores {
  system: string;
  rouge1: number;
  rouge2: number;
  clusters: number;
  /** Mean length of the system's summaries in words, before ROUGE's cut. */
  meanWords: number;
}

/** Scores one summariser over every cluster of a dataset. */
export function scoreSummaries(
  system: string,
  clusters: readonly SummaryCluster[],
  summarize: (cluster: SummaryCluster) => string,
  settings: RougeSettings,
): SummaryScores {
  let rouge1 = 0;
  let rouge2 = 0;
  let words = 0;
  for (const cluster of clusters) {
    const summary = summarize(cluster);
    rouge1 += rougeRecall(summary, cluster.references, 1, settings).recall;
    rouge2 += rougeRecall(summary, cluster.references, 2, settings).recall;
    words += summary.split(/\s+/).filter(Boolean).length;
  }
  const n = Math.max(clusters.length, 1);
  return { system, rouge1: rouge1 / n, rouge2: rouge2 / n, clusters: clusters.length, meanWords: words / n };
}

/** The newest document of a cluster; among equally new ones, or undated ones, the last listed. */
export function newestDoc(docs: readonly SummaryDoc[]): SummaryDoc | undefined {
  let newest: SummaryDoc | undefined;
  for (const doc of docs) {
    if (!newest || (doc.publishedAt ?? -Infinity) >= (newest.publishedAt ?? -Infinity)) newest = doc;
  }
  return newest;
}

/** The Lead baseline: the opening of the newest document, cut to a byte budget (DUC) or a word budget. */
export function leadSummary(cluster: SummaryCluster, cut: { bytes: number } | { words: number }): string {
  const text = newestDoc(cluster.docs)?.text ?? "";
  return "bytes" in cut ? firstBytes(text, cut.bytes) : firstWords(text, cut.words);
}

/**
 * Document frequencies over every document of a dataset, as Hilo's own statistics would hold them after
 * ingesting it: rare words weigh more than the words every story uses.
 */
export function datasetTermStats(clusters: readonly SummaryCluster[], lang: Lang): TermStats {
  const stats = new TermStats();
  for (const cluster of clusters) {
    for (const doc of cluster.docs) stats.observe(new Set(contentStems(tokenize(`${doc.title} ${doc.text}`), lang)));
  }
  return stats;
}
