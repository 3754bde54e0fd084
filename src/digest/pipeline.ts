import type { StoryPack } from "./content/load-story-pack.js";
import { buildVocabulary, extractFeatures, type StoryVocabulary } from "./developments/article-features.js";
import { DEFAULT_GROUPING, DevelopmentGrouper, type GroupingOptions } from "./developments/group-articles.js";
import { minhashSignature } from "./developments/minhash.js";
import { NearDuplicateIndex } from "./developments/near-duplicate-index.js";
import { refreshDevelopment } from "./developments/refresh-development.js";
import { seedTermStats } from "./developments/seed-term-stats.js";
import { TermStats } from "./developments/term-stats.js";
import { FeedError } from "./errors.js";
import { decodeFeedBytes } from "./feeds/decode-feed-bytes.js";
import { parseFeed } from "./feeds/parse-feed.js";
import type { Logger } from "./logger.js";
import type { ArticleInput, Lang } from "./model.js";
import { DevelopmentStore } from "./store/development-store.js";
import { FeedStore } from "./store/feed-store.js";
import type { Db } from "./store/open-database.js";
import { TermStatsStore } from "./store/term-stats-store.js";

/** One feed document to ingest: its bytes and where they came from. */
export interface FeedDocument {
  source: { feed: string; publisher: string; lang?: Lang | undefined; trusted?: boolean };
  bytes: Uint8Array;
  contentType?: string | undefined;
}

/** What one ingest did, per feed and in all. */
export interface IngestReport {
  feeds: { feed: string; items: number; added: number; error?: string }[];
  added: number;
  copies: number;
  developmentsCreated: number;
  developmentsUpdated: number;
}

/** An article on its way through the pipeline. */
interface Pending {
  input: ArticleInput;
  feedId: number;
}

// Articles are written in transactions of this many, so a large ingest neither holds one huge
// transaction nor pays for one per article.
const BATCH = 500;

/**
 * The one path news takes: decode → parse → deduplicate → match actors → group into developments → store.
 * It keeps the grouping's memory of recent developments; `restore` rebuilds it from the database after a restart.
 */
export class Pipeline {
  readonly developments: DevelopmentStore;
  readonly feeds: FeedStore;
  readonly stats = new TermStats();
  readonly vocabulary: StoryVocabulary;
  private readonly termStore: TermStatsStore;
  private grouper: DevelopmentGrouper;
  private nearDuplicates: NearDuplicateIndex;

  constructor(
    private readonly db: Db,
    pack: Pick<StoryPack, "actors" | "glossary" | "places">,
    private readonly log: Logger,
    private readonly options: GroupingOptions = DEFAULT_GROUPING,
  ) {
    this.developments = new DevelopmentStore(db);
    this.feeds = new FeedStore(db);
    this.termStore = new TermStatsStore(db);
    this.vocabulary = buildVocabulary(pack);
    this.grouper = new DevelopmentGrouper(this.stats, this.developments.nextDevelopmentId(), options);
    this.nearDuplicates = new NearDuplicateIndex(options.windowMs);
    this.restore(pack.actors);
  }

  /** Reads feed documents and files their new articles into developments; a broken feed is logged and skipped. */
  async ingest(documents: readonly FeedDocument[], now: number): Promise<IngestReport> {
    const report: IngestReport = { feeds: [], added: 0, copies: 0, developmentsCreated: 0, developmentsUpdated: 0 };
    const pending: Pending[] = [];
    const seen = new Set<string>();
    for (const document of documents) {
      const { source } = document;
      const feedId = this.feeds.ensure({ url: source.feed, publisher: source.publisher, lang: source.lang, trusted: source.trusted ?? false });
      try {
        const { text, encoding } = decodeFeedBytes(document.bytes, document.contentType, source.feed);
        if (encoding !== "utf-8") this.log.info("feed decoded", { feed: source.feed, encoding });
        const parsed = await parseFeed(text, source, now);
        for (const note of parsed.notes) this.log.warn("feed item note", { feed: source.feed, note });
        for (const skipped of parsed.skipped) this.log.warn("feed item skipped", { feed: source.feed, ...skipped });
        const fresh = parsed.items.filter((item) => !seen.has(item.id) && !this.developments.hasArticle(item.id));
        for (const item of fresh) {
          seen.add(item.id);
          pending.push({ input: item, feedId });
        }
        this.feeds.recordSuccess(feedId, now, parsed.title, fresh.length);
        report.feeds.push({ feed: source.feed, items: parsed.items.length, added: fresh.length });
      } catch (error) {
        const reason = error instanceof FeedError ? `${error.reason}: ${error.message}` : String(error);
        this.log.warn("feed failed", { feed: source.feed, reason });
        this.feeds.recordFailure(feedId, now, reason);
        report.feeds.push({ feed: source.feed, items: 0, added: 0, error: reason });
      }
    }
    this.fileAll(pending, now, report);
    return report;
  }

  /**
   * Files articles that arrive already parsed (`hilo cluster`, evaluation data) through the same path
   * as feed items; returns the development each one joined.
   */
  ingestArticles(
    articles: readonly { article: ArticleInput; feed: { url: string; publisher: string } }[],
    now: number,
  ): Map<string, number> {
    const report: IngestReport = { feeds: [], added: 0, copies: 0, developmentsCreated: 0, developmentsUpdated: 0 };
    const feedIds = new Map<string, number>();
    const pending: Pending[] = [];
    for (const { article, feed } of articles) {
      let feedId = feedIds.get(feed.url);
      if (feedId === undefined) {
        feedId = this.feeds.ensure({ url: feed.url, publisher: feed.publisher });
        feedIds.set(feed.url, feedId);
      }
      if (!this.developments.hasArticle(article.id)) pending.push({ input: article, feedId });
    }
    this.fileAll(pending, now, report);
    const out = new Map<string, number>();
    for (const { article } of articles) {
      const id = this.developments.developmentOfArticle(article.id);
      if (id !== undefined) out.set(article.id, id);
    }
    return out;
  }

  private fileAll(pending: Pending[], now: number, report: IngestReport): void {
    // Streaming grouping runs in publication order, whatever order the feeds arrived in; the sort is
    // stable, so items published at the same moment keep their arrival order.
    pending.sort((a, b) => a.input.publishedAt - b.input.publishedAt);
    for (let start = 0; start < pending.length; start += BATCH) {
      this.db.transaction(() => this.file(pending.slice(start, start + BATCH), now, report))();
    }
  }

  private file(batch: readonly Pending[], now: number, report: IngestReport): void {
    const touched = new Set<number>();
    for (const { input, feedId } of batch) {
      const features = extractFeatures(this.vocabulary, input);
      this.stats.observe([...features.terms.keys(), ...features.anchors]);
      const signature = minhashSignature(`${input.title} ${input.text}`);
      const copyOf = this.nearDuplicates.find(signature, input.publishedAt);
      let developmentId: number;
      if (copyOf) {
        // A syndicated copy belongs with its original, whatever the similarity says.
        developmentId = this.developmentOf(copyOf);
        this.grouper.replay(developmentId, features);
        report.copies += 1;
      } else {
        const assignment = this.grouper.assign(features);
        developmentId = assignment.developmentId;
        if (assignment.created) report.developmentsCreated += 1;
      }
      this.nearDuplicates.add(input.id, signature, input.publishedAt);
      this.developments.ensureDevelopment(developmentId, input.publishedAt);
      this.developments.insertArticle(
        { ...input, developmentId, copyOf: copyOf ?? null, actorIds: features.actorIds },
        feedId,
        now,
      );
      touched.add(developmentId);
      report.added += 1;
    }
    for (const id of touched) {
      refreshDevelopment(this.developments, this.vocabulary, this.stats, id, now);
    }
    report.developmentsUpdated += touched.size;
    this.termStore.save(this.stats.takeChanges(), this.stats.docCount);
  }

  private developmentOf(articleId: string): number {
    const id = this.developments.developmentOfArticle(articleId);
    if (id === undefined) throw new Error(`article ${articleId} vanished while ingesting`);
    return id;
  }

  /** Rebuilds word statistics and the recent developments' memory from the database. */
  private restore(actors: StoryPack["actors"]): void {
    const { rows, docCount } = this.termStore.load();
    this.stats.load(rows, docCount);
    if (docCount === 0) {
      // A new database: weigh words with the story's own texts until real articles arrive.
      seedTermStats(this.stats, this.vocabulary, actors, Date.parse("2000-01-01T00:00:00Z"));
      this.db.transaction(() => this.termStore.save(this.stats.takeChanges(), this.stats.docCount))();
    }
    const latest = this.developments.latestPublishedAt();
    if (latest === null) return;
    for (const article of this.developments.articlesBetween(latest - this.options.windowMs, latest)) {
      this.grouper.replay(article.developmentId, extractFeatures(this.vocabulary, article));
      this.nearDuplicates.add(article.id, minhashSignature(`${article.title} ${article.text}`), article.publishedAt);
    }
    this.stats.takeChanges();
  }
}
