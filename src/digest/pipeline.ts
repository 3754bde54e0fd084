import { discoverActors } from "./actors/discover-actors.js";
import { knownPhrases } from "./actors/known-phrases.js";
import { namesInArticle } from "./actors/names-in-article.js";
import type { StoryPack } from "./content/load-story-pack.js";
import { buildVocabulary, extractFeatures, type StoryVocabulary } from "./developments/article-features.js";
import { ReadingCache } from "./developments/article-reading.js";
import { DraftCache } from "./developments/development-draft.js";
import { DEFAULT_GROUPING, DevelopmentGrouper, type GroupingOptions } from "./developments/group-articles.js";
import { minhashSignature } from "./developments/minhash.js";
import { NearDuplicateIndex } from "./developments/near-duplicate-index.js";
import { refreshDevelopment } from "./developments/refresh-development.js";
import { seedTermStats } from "./developments/seed-term-stats.js";
import { TermStats } from "./developments/term-stats.js";
import { describeError, describeFault, FeedError, type FeedFault } from "./errors.js";
import { decodeFeedBytes } from "./feeds/decode-feed-bytes.js";
import { parseFeed } from "./feeds/parse-feed.js";
import type { Logger } from "./logger.js";
import type { ArticleInput, Lang } from "./model.js";
import type { ArticleStore } from "./store/article-store.js";
import type { DevelopmentStore } from "./store/development-store.js";
import { DiscoveryStore } from "./store/discovery-store.js";
import { type FeedRecord, FeedStore } from "./store/feed-store.js";
import type { MentionStore } from "./store/mention-store.js";
import { type NewsStores, openNewsStores } from "./store/news-stores.js";
import type { Db } from "./store/open-database.js";
import { type RemovedFeeds, removeFeeds } from "./store/remove-feeds.js";
import type { SearchIndex } from "./store/search-index.js";
import { TermStatsStore } from "./store/term-stats-store.js";

/** One feed document to ingest: its bytes and where they came from. */
export interface FeedDocument {
  /** Without a publisher, the outlet is named from the channel's title. */
  source: {
    feed: string;
    publisher?: string | undefined;
    lang?: Lang | undefined;
    trusted?: boolean | undefined;
    demo?: boolean | undefined;
  };
  bytes: Uint8Array;
  contentType?: string | undefined;
}

/** What one ingest did, per feed and in all. */
export interface IngestReport {
  /** Per document: the items it held, the articles it added, and why it failed ("reason: detail"). */
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
  /** The feed document it came from, which counts what it added. */
  read?: FeedRead;
}

/** One feed's part of an ingest: what its document held, and what came of it. */
interface FeedRead {
  feedId: number;
  title: string | undefined;
  items: number;
  added: number;
  error: FeedFault | undefined;
}

// Articles are written in transactions of this many, so a large ingest neither holds one huge
// transaction nor pays for one per article.
const BATCH = 500;
// Characters of article text held before filing: past this, what is read so far is filed before the next document
// is read, so memory stays bounded however many large feeds arrive at once (the order across feeds holds within it).
const PENDING_CHARS = 4_000_000;
// Readings kept for refreshes: a few KB each, enough for the newest 60 reports of a dozen large developments.
const READINGS_KEPT = 1000;
// Reports held in the drafts of developments refreshed lately (see DraftCache): a few MB.
const DRAFTED_REPORTS = 600;
// Discovery counts the outlets that named someone in this long up to a batch's newest report (a batch of old
// reports, such as a new feed's backlog, counts the names of its own time).
const DISCOVERY_WINDOW = 30 * 24 * 60 * 60 * 1000;
/**
 * The one path news takes: decode → parse → deduplicate → match actors → group into developments → store.
 * It keeps the grouping's memory of recent developments; `restore` rebuilds it from the database after a restart.
 */
export class Pipeline implements NewsStores {
  readonly developments: DevelopmentStore;
  readonly articles: ArticleStore;
  readonly mentions: MentionStore;
  readonly search: SearchIndex;
  readonly feeds: FeedStore;
  readonly discovery: DiscoveryStore;
  /** Folded names of every actor and place Hilo knows: a name among them is not a discovery. */
  private readonly known: Set<string>;
  readonly stats = new TermStats();
  readonly vocabulary: StoryVocabulary;
  private readonly termStore: TermStatsStore;
  private grouper: DevelopmentGrouper;
  private nearDuplicates: NearDuplicateIndex;
  /** The latest reports' readings, so a development redrawn poll after poll does not read its reports again. */
  private readonly readings: ReadingCache;
  /** Developments as their last refresh left them, so a new report is added to its development, not reread with it. */
  private readonly drafts = new DraftCache(DRAFTED_REPORTS);

  constructor(
    private readonly db: Db,
    private readonly pack: Pick<StoryPack, "actors" | "glossary" | "places"> &
      Partial<Pick<StoryPack, "world" | "worldPlaces">>,
    private readonly log: Logger,
    private readonly options: GroupingOptions = DEFAULT_GROUPING,
  ) {
    ({
      developments: this.developments,
      articles: this.articles,
      mentions: this.mentions,
      search: this.search,
    } = openNewsStores(db));
    this.feeds = new FeedStore(db);
    this.discovery = new DiscoveryStore(db);
    this.known = knownPhrases(pack);
    this.termStore = new TermStatsStore(db);
    this.vocabulary = buildVocabulary(pack);
    this.readings = new ReadingCache(READINGS_KEPT, this.vocabulary);
    this.grouper = new DevelopmentGrouper(this.stats, this.developments.nextId(), options);
    this.nearDuplicates = new NearDuplicateIndex(options.windowMs);
    this.restore();
  }

  /**
   * Reads feed documents and files their new articles into developments. A feed that cannot be read, or whose
   * article cannot be filed, is recorded as failing and the others go on; while documents are read their feeds are
   * marked, so a crash leaves the mark for `quarantineInterrupted`.
   */
  async ingest(documents: readonly FeedDocument[], now: number): Promise<IngestReport> {
    const report: IngestReport = { feeds: [], added: 0, copies: 0, developmentsCreated: 0, developmentsUpdated: 0 };
    const reads = documents.map((document): FeedRead => {
      const { feed, publisher, lang, trusted, demo } = document.source;
      const feedId = this.feeds.ensure({ url: feed, publisher, lang, trusted, demo });
      return { feedId, title: undefined, items: 0, added: 0, error: undefined };
    });
    const feedIds = [...new Set(reads.map((read) => read.feedId))];
    this.feeds.markProcessing(feedIds, now);
    try {
      const failures = new Map<number, FeedFault>();
      let pending: Pending[] = [];
      let pendingChars = 0;
      const seen = new Set<string>();
      for (const [i, document] of documents.entries()) {
        const read = reads[i]!;
        for (const item of await this.read(document, read, now)) {
          if (seen.has(item.id) || this.articles.has(item.id)) continue;
          seen.add(item.id);
          pending.push({ input: item, feedId: read.feedId, read });
          pendingChars += item.title.length + item.text.length;
        }
        if (pendingChars > PENDING_CHARS) {
          this.fileAll(pending, now, report, failures);
          pending = [];
          pendingChars = 0;
        }
      }
      this.fileAll(pending, now, report, failures);
      reads.forEach((read, i) => {
        const error = read.error ?? failures.get(read.feedId);
        if (error === undefined) this.feeds.recordSuccess(read.feedId, now, read.title ?? "", read.added);
        else if (read.error === undefined) this.feeds.recordFailure(read.feedId, now, error);
        report.feeds.push({
          feed: documents[i]!.source.feed,
          items: read.items,
          added: read.added,
          ...(error ? { error: describeFault(error) } : {}),
        });
      });
      return report;
    } finally {
      this.feeds.clearProcessing(feedIds);
    }
  }

  /**
   * Feeds whose reading was under way when the process last stopped: it died reading them (out of memory, a crash).
   * Each is quarantined — not read before `retryAt(feed, suspects)`, then alone — and returned for the caller to
   * report. `suspects` is how many were read together: one of them did it, and reading each alone will tell which.
   */
  quarantineInterrupted(now: number, retryAt: (feed: FeedRecord, suspects: number) => number): FeedRecord[] {
    const interrupted = this.feeds.interrupted();
    for (const feed of interrupted) {
      const at = retryAt(feed, interrupted.length);
      const together = interrupted.length > 1 ? ` (one of ${interrupted.length} feeds read together)` : "";
      const detail = `the bot stopped while reading this feed${together}; it is read again alone from ${new Date(at).toISOString()}`;
      this.feeds.quarantine(feed.id, now, { reason: "crash", detail }, at);
    }
    return interrupted;
  }

  /** Decodes and parses one document; a failure is recorded on its feed and yields no items. */
  private async read(document: FeedDocument, read: FeedRead, now: number): Promise<ArticleInput[]> {
    const { source } = document;
    try {
      const { text, encoding } = decodeFeedBytes(document.bytes, document.contentType, source.feed);
      if (encoding !== "utf-8") this.log.info("feed decoded", { feed: source.feed, encoding });
      const parsed = await parseFeed(text, source, now);
      for (const note of parsed.notes) this.log.warn("feed item note", { feed: source.feed, note });
      for (const skipped of parsed.skipped) this.log.warn("feed item skipped", { feed: source.feed, ...skipped });
      read.title = parsed.title;
      read.items = parsed.items.length;
      if (source.publisher === undefined) this.feeds.rename(read.feedId, parsed.outlet);
      return parsed.items;
    } catch (error) {
      const fault: FeedFault =
        error instanceof FeedError
          ? { reason: error.reason, detail: error.detail }
          : { reason: "processing", detail: describeError(error) };
      this.log.warn("feed failed", { feed: source.feed, reason: describeFault(fault) });
      this.feeds.recordFailure(read.feedId, now, fault);
      read.error = fault;
      return [];
    }
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
      if (!this.articles.has(article.id)) pending.push({ input: article, feedId });
    }
    this.fileAll(pending, now, report);
    const out = new Map<string, number>();
    for (const { article } of articles) {
      const id = this.articles.developmentOf(article.id);
      if (id !== undefined) out.set(article.id, id);
    }
    return out;
  }

  private fileAll(
    pending: Pending[],
    now: number,
    report: IngestReport,
    failures = new Map<number, FeedFault>(),
  ): void {
    // Streaming grouping runs in publication order, whatever order the feeds arrived in; the sort is
    // stable, so items published at the same moment keep their arrival order.
    pending.sort((a, b) => a.input.publishedAt - b.input.publishedAt);
    for (let start = 0; start < pending.length; start += BATCH) {
      this.db.transaction(() => this.file(pending.slice(start, start + BATCH), now, report, failures))();
    }
  }

  /**
   * Files a batch, each article in a savepoint of its own: one that cannot be filed is rolled back alone, its
   * feed is recorded in `failures` and the feed's later articles wait for its next read; other feeds go on.
   */
  private file(batch: readonly Pending[], now: number, report: IngestReport, failures: Map<number, FeedFault>): void {
    const touched = new Set<number>();
    const named = new Set<string>();
    const fileOne = this.db.transaction((article: Pending) => this.fileOne(article, now, report, named));
    for (const article of batch) {
      if (failures.has(article.feedId)) continue;
      try {
        touched.add(fileOne(article));
        if (article.read) article.read.added += 1;
      } catch (error) {
        const fault: FeedFault = { reason: "processing", detail: describeError(error) };
        this.log.error("article could not be filed; its feed waits for the next read", {
          feed: article.input.feedUrl,
          article: article.input.id,
          reason: describeFault(fault),
        });
        failures.set(article.feedId, fault);
      }
    }
    for (const id of touched) {
      try {
        this.refresh(id, now);
      } catch (error) {
        // The development keeps its previous headline and summary; its articles are filed all the same.
        this.log.error("development could not be refreshed", { development: id, error: describeError(error) });
      }
    }
    report.developmentsUpdated += touched.size;
    this.saveTermStats();
    this.discover(named, batch);
  }

  /**
   * Names the batch wrote that the registry does not know are counted again across recent reports; those named by
   * enough outlets become discovered actors, linked to every report that named them.
   */
  private discover(lastWords: ReadonlySet<string>, batch: readonly Pending[]): void {
    if (lastWords.size === 0) return;
    const newest = batch.reduce((latest, article) => Math.max(latest, article.input.publishedAt), 0);
    try {
      const window = { from: newest - DISCOVERY_WINDOW, to: newest };
      this.discovery.save(discoverActors(this.discovery.sightings([...lastWords], window)), window);
    } catch (error) {
      // Discovery is a bonus: the batch's articles are filed whatever it does.
      this.log.error("actor discovery failed", { error: describeError(error) });
    }
  }

  /** Files one article into a development (its copy's original's, the best match, or a new one); returns its id. */
  private fileOne({ input, feedId }: Pending, now: number, report: IngestReport, named: Set<string>): number {
    // Everything computed from the article's text comes first, so bad text fails before any state changes.
    const features = extractFeatures(this.vocabulary, input);
    const signature = minhashSignature(`${input.title} ${input.text}`);
    const copyOf = this.nearDuplicates.find(signature, input.publishedAt);
    this.stats.observe([...features.terms.keys(), ...features.anchors]);
    let developmentId: number;
    let created = false;
    if (copyOf) {
      // A syndicated copy belongs with its original, whatever the similarity says.
      developmentId = this.developmentOf(copyOf);
      this.grouper.replay(developmentId, features);
    } else {
      ({ developmentId, created } = this.grouper.assign(features));
    }
    this.nearDuplicates.add(input.id, signature, input.publishedAt);
    this.developments.ensure(developmentId, input.publishedAt);
    this.articles.insert(
      { ...input, developmentId, copyOf: copyOf ?? null, actorIds: features.actorIds, relevance: features.relevance },
      feedId,
      now,
    );
    // Refreshing its development reads it next: with the stems and places its features found, not afresh.
    if (!copyOf) this.readings.file(input, { stems: features.stems, places: placesIn(features.anchors) });
    const names = namesInArticle(input, (phrase) => this.known.has(phrase));
    this.discovery.recordNames(input, names);
    for (const name of names) named.add(name.key.slice(name.key.lastIndexOf(" ") + 1));
    report.added += 1;
    if (copyOf) report.copies += 1;
    if (created) report.developmentsCreated += 1;
    return developmentId;
  }

  private developmentOf(articleId: string): number {
    const id = this.articles.developmentOf(articleId);
    if (id === undefined) throw new Error(`article ${articleId} vanished while ingesting`);
    return id;
  }

  /** Redraws a development's headline, summary, actors and search terms from its reports (as each ingest does). */
  refresh(developmentId: number, now: number): void {
    refreshDevelopment(this, this.vocabulary, this.stats, developmentId, now, this.readings, this.drafts);
  }

  /**
   * Removes feeds with every article they brought (the demo story's fiction from a live database), draws again the
   * developments that keep other reports, and rebuilds the grouping's memory without them.
   */
  removeFeeds(feedIds: readonly number[], now: number): RemovedFeeds {
    const removed = removeFeeds(this.db, this, feedIds, now);
    if (removed.articles === 0) return removed;
    this.drafts.clear();
    this.db.transaction(() => {
      for (const id of removed.developmentsChanged) this.refresh(id, now);
      // Nothing left: word statistics start again from the story's own texts, as in a new database.
      if (this.articles.latestPublishedAt() === null) this.termStore.clear();
    })();
    this.reload();
    return removed;
  }

  /**
   * Forgets what the grouping keeps in memory and reads it again from the database: after a removal, or when this
   * replica takes over the filing from another one that has filed news since this one started.
   */
  reload(): void {
    this.drafts.clear();
    this.stats.clear();
    this.readings.clear();
    this.grouper = new DevelopmentGrouper(this.stats, this.developments.nextId(), this.options);
    this.nearDuplicates = new NearDuplicateIndex(this.options.windowMs);
    this.restore();
  }

  /** Writes the counts that changed; when there are too many keys, the rarest are forgotten in memory and store. */
  private saveTermStats(): void {
    const forgotten = this.stats.prune();
    if (forgotten !== undefined) this.termStore.forgetRare(forgotten);
    this.termStore.save(this.stats.takeChanges(), this.stats.docCount);
  }

  /** Rebuilds word statistics and the recent developments' memory from the database. */
  private restore(): void {
    const actors = this.pack.actors;
    const { rows, docCount } = this.termStore.load();
    this.stats.load(rows, docCount);
    if (docCount === 0) {
      // A new database: weigh words with the story's own texts until real articles arrive.
      seedTermStats(this.stats, this.vocabulary, actors, Date.parse("2000-01-01T00:00:00Z"));
      this.db.transaction(() => this.saveTermStats())();
    }
    const latest = this.articles.latestPublishedAt();
    if (latest === null) return;
    for (const article of this.articles.between(latest - this.options.windowMs, latest)) {
      this.grouper.replay(article.developmentId, extractFeatures(this.vocabulary, article));
      this.nearDuplicates.add(article.id, minhashSignature(`${article.title} ${article.text}`), article.publishedAt);
    }
    this.stats.takeChanges();
  }
}

/** The places among a report's anchors ("p:<id>"), in the order it names them. */
function placesIn(anchors: Iterable<string>): string[] {
  const places: string[] = [];
  for (const anchor of anchors) if (anchor.startsWith("p:")) places.push(anchor.slice(2));
  return places;
}
