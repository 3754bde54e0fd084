import type { Lang } from "../model.js";
import type { DevelopmentTally, FiledReport, StoredArticle } from "../store/article-store.js";
import type { ActorTally } from "../store/mention-store.js";
import type { NewsStores } from "../store/news-stores.js";
import type { ArticleReading } from "./article-reading.js";
import { CHAT_SUMMARY, SummaryDraft } from "./summarize-development.js";

// Headline and summary are drawn from at most this many reports of a development: its newest originals.
const DRAWN_REPORTS = 60;
// A development is drawn afresh from all its newest reports once it has this many times the originals it had at its
// last drawing; in between, each report is added to the drawing kept. So a drawing of 60 reports is paid for once
// per half of the development's growth, however large it is.
const REDRAW_GROWTH = 1.5;

/** What a development's record says of its reports, with the headline and summary in each language. */
export interface DevelopmentDrawing {
  articleCount: number;
  firstSeen: number;
  lastSeen: number;
  /** Outlets of its originals, in order of their first report. */
  publishers: string[];
  /** How much its originals belong to the story, on average (1 when it has none). */
  relevance: number;
  headline: Partial<Record<Lang, string>>;
  summary: Partial<Record<Lang, string>>;
  /** Actors most named first (ties: the first named earlier, then by id). */
  actorIds: string[];
  /** Concepts the drawn reports touch, sorted. */
  conceptIds: string[];
}

/**
 * A development as its last refresh left it: the counts of its record, its newest originals and the drawing of
 * their headline and summary. `take` brings it up to date from the reports filed since, at the cost of those
 * reports: a development that gains a report per poll is not read whole each time.
 */
export class DevelopmentDraft {
  private readonly publishers = new Map<string, { publishedAt: number; id: string }>();
  private readonly actors = new Map<string, { count: number; first: number }>();
  /** The newest DRAWN_REPORTS originals, oldest first (by published time, then id). */
  private readonly sample: StoredArticle[];
  /** Each language's drawing, with the headline and summary it gave (kept while no report of it comes or goes). */
  private summaries: Partial<Record<Lang, DrawnSummary>> = {};
  private drawnOriginals = 0;
  /** Originals that entered or left the newest since the last drawing, by language. */
  private readonly entered = new Map<Lang, Set<StoredArticle>>();
  private readonly left = new Map<Lang, Set<StoredArticle>>();
  /** Concepts the newest originals touch, counted over them: taken from the reports that entered and left. */
  private concepts: Map<string, number> | undefined;

  private constructor(
    private tally: Omit<DevelopmentTally, "publishers">,
    publishers: DevelopmentTally["publishers"],
    actors: readonly ActorTally[],
    sample: StoredArticle[],
  ) {
    for (const { publisher, publishedAt, id } of publishers) this.publishers.set(publisher, { publishedAt, id });
    for (const { actorId, count, first } of actors) this.actors.set(actorId, { count, first });
    this.sample = sample;
  }

  /** Reads a development's counts and newest originals from the store; undefined when it has no reports. */
  static load(news: NewsStores, developmentId: number): DevelopmentDraft | undefined {
    const tally = news.articles.tallyOf(developmentId);
    if (!tally) return undefined;
    const { publishers, ...counts } = tally;
    return new DevelopmentDraft(
      counts,
      publishers,
      news.mentions.tallyOf(developmentId),
      news.articles.latestOriginals(developmentId, DRAWN_REPORTS),
    );
  }

  /** The last report this draft counts, in filing order: reports filed after it are new to it. */
  get filedThrough(): number {
    return this.tally.filedThrough;
  }

  /** How many reports the draft holds in memory, for a cache to weigh it by. */
  get weight(): number {
    return this.sample.length;
  }

  /** Counts reports filed since (each with the actors it names), and changes the newest originals accordingly. */
  take(reports: readonly (FiledReport & { actorIds: readonly string[] })[]): void {
    for (const { filed, article, relevance, actorIds } of reports) {
      const tally = this.tally;
      tally.articleCount += 1;
      tally.firstSeen = Math.min(tally.firstSeen, article.publishedAt);
      tally.lastSeen = Math.max(tally.lastSeen, article.publishedAt);
      tally.filedThrough = Math.max(tally.filedThrough, filed);
      for (const actorId of actorIds) {
        const known = this.actors.get(actorId);
        if (known) {
          known.count += 1;
          known.first = Math.min(known.first, article.publishedAt);
        } else this.actors.set(actorId, { count: 1, first: article.publishedAt });
      }
      if (article.copyOf !== null) continue;
      tally.originals += 1;
      tally.relevanceSum += relevance;
      const outlet = this.publishers.get(article.publisher);
      if (!outlet || isBefore(article, outlet))
        this.publishers.set(article.publisher, { publishedAt: article.publishedAt, id: article.id });
      this.addToSample(article);
    }
  }

  /**
   * The development's record: counts and outlets, then the headline and summary in each language, drawn afresh from
   * the newest originals when the development has grown enough since its last drawing (or a language has none yet),
   * else brought up to date from the reports that entered and left the newest.
   */
  draw(
    idf: (term: string) => number,
    read: (article: StoredArticle) => ArticleReading,
    tracked: ReadonlySet<string>,
  ): DevelopmentDrawing {
    const headline: Partial<Record<Lang, string>> = {};
    const summary: Partial<Record<Lang, string>> = {};
    const redraw = this.tally.originals >= Math.max(this.drawnOriginals + 1, this.drawnOriginals * REDRAW_GROWTH);
    if (redraw) this.drawnOriginals = this.tally.originals;
    for (const lang of ["es", "en"] as const) {
      const kept = this.summaries[lang];
      const changed = this.entered.has(lang) || this.left.has(lang);
      let drawn = kept;
      if (redraw || !kept) {
        const reports = this.sample.filter((article) => article.lang === lang);
        drawn = reports.length === 0 ? undefined : drawSummary(SummaryDraft.draw(reports, idf, read, isBefore));
      } else if (changed) {
        for (const article of this.left.get(lang) ?? []) kept.draft.remove(article);
        for (const article of this.entered.get(lang) ?? []) kept.draft.add(article);
        drawn = drawSummary(kept.draft);
      }
      if (drawn) {
        headline[lang] = drawn.result.headline;
        summary[lang] = drawn.result.summary;
        this.summaries[lang] = drawn;
      } else delete this.summaries[lang];
    }
    this.countConcepts(read);
    this.entered.clear();
    this.left.clear();
    return {
      articleCount: this.tally.articleCount,
      firstSeen: this.tally.firstSeen,
      lastSeen: this.tally.lastSeen,
      relevance: this.tally.originals === 0 ? 1 : this.tally.relevanceSum / this.tally.originals,
      publishers: [...this.publishers]
        .sort(([, a], [, b]) => (isBefore(a, b) ? -1 : isBefore(b, a) ? 1 : 0))
        .map(([publisher]) => publisher),
      headline,
      summary,
      actorIds: [...this.actors]
        .filter(([id]) => tracked.has(id))
        .sort(([idA, a], [idB, b]) => b.count - a.count || a.first - b.first || (idA < idB ? -1 : idA > idB ? 1 : 0))
        .map(([id]) => id),
      conceptIds: [...this.concepts!.keys()].sort(),
    };
  }

  private countConcepts(read: (article: StoredArticle) => ArticleReading): void {
    const count = (articles: Iterable<StoredArticle>, by: number) => {
      for (const article of articles) {
        for (const id of read(article).concepts) {
          const n = (this.concepts!.get(id) ?? 0) + by;
          if (n > 0) this.concepts!.set(id, n);
          else this.concepts!.delete(id);
        }
      }
    };
    if (!this.concepts) {
      this.concepts = new Map();
      count(this.sample, 1);
      return;
    }
    for (const articles of this.entered.values()) count(articles, 1);
    for (const articles of this.left.values()) count(articles, -1);
  }

  private addToSample(article: StoredArticle): void {
    let at = this.sample.length;
    while (at > 0 && isBefore(article, this.sample[at - 1]!)) at -= 1;
    this.sample.splice(at, 0, article);
    this.note(this.entered, article);
    if (this.sample.length <= DRAWN_REPORTS) return;
    const oldest = this.sample.shift()!;
    // One that entered and left again since the last drawing was never drawn: nothing to take out.
    if (!this.entered.get(oldest.lang)?.delete(oldest)) this.note(this.left, oldest);
  }

  private note(changes: Map<Lang, Set<StoredArticle>>, article: StoredArticle): void {
    const set = changes.get(article.lang) ?? new Set();
    set.add(article);
    changes.set(article.lang, set);
  }
}

interface DrawnSummary {
  draft: SummaryDraft<StoredArticle>;
  result: { headline: string; summary: string };
}

function drawSummary(draft: SummaryDraft<StoredArticle>): DrawnSummary | undefined {
  const result = draft.result(CHAT_SUMMARY);
  return result && { draft, result };
}

/** Published earlier, or at the same time with a smaller id: the order of a development's reports. */
function isBefore(a: { publishedAt: number; id: string }, b: { publishedAt: number; id: string }): boolean {
  return a.publishedAt < b.publishedAt || (a.publishedAt === b.publishedAt && a.id < b.id);
}

/**
 * The drafts of the developments refreshed lately, the most recent first to stay, within `maxReports` reports held
 * in all: a few MB whatever the archive.
 */
export class DraftCache {
  private readonly kept = new Map<number, DevelopmentDraft>();
  private weight = 0;

  constructor(private readonly maxReports: number) {}

  /** The development's draft brought up to date with the reports filed since it was kept, or read afresh. */
  of(news: NewsStores, developmentId: number): DevelopmentDraft | undefined {
    let draft = this.kept.get(developmentId);
    if (draft) {
      this.weight -= draft.weight;
      this.kept.delete(developmentId);
      const filed = news.articles.filedAfter(developmentId, draft.filedThrough);
      draft.take(
        filed.map((report) => ({ ...report, actorIds: news.mentions.ofArticle(developmentId, report.article.id) })),
      );
    } else draft = DevelopmentDraft.load(news, developmentId);
    if (!draft) return undefined;
    if (this.maxReports > 0) {
      this.kept.set(developmentId, draft);
      this.weight += draft.weight;
      for (const [id, oldest] of this.kept) {
        if (this.weight <= this.maxReports || id === developmentId) break;
        this.kept.delete(id);
        this.weight -= oldest.weight;
      }
    }
    return draft;
  }

  /** Developments kept. */
  get size(): number {
    return this.kept.size;
  }

  /** Reports held in all the drafts kept. */
  get reports(): number {
    return this.weight;
  }

  has(developmentId: number): boolean {
    return this.kept.has(developmentId);
  }

  /** Forgets every draft (after reports were removed: counts go down, which drafts do not follow). */
  clear(): void {
    this.kept.clear();
    this.weight = 0;
  }
}
