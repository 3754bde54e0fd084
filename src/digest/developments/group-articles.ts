import type { Lang } from "../model.js";
import type { EventSignature } from "./event-signature.js";
import { addInto, pruneTo, type SparseVector } from "./sparse-vector.js";
import type { TermStats } from "./term-stats.js";

/** What the grouping needs to know of one article. */
export interface GroupingFeatures {
  lang: Lang;
  publishedAt: number;
  /** Stemmed terms with log-scaled counts, title counted twice. */
  terms: SparseVector;
  /** Language-independent keys: actors, glossary concepts, places, numbers, names. */
  anchors: ReadonlySet<string>;
  /** What the headline says happened and who did it; absent when the words say nothing of it. */
  signature?: EventSignature;
}

export interface GroupingOptions {
  /** Join the best development when its similarity is at least this. */
  threshold: number;
  /** Only developments seen within this many ms of the article are candidates. */
  windowMs: number;
  /** Similarity halves for every half-life between the article and the development's nearest article. */
  halfLifeMs: number;
  /** Share of the similarity that comes from same-language text; the rest comes from anchors. */
  textWeight: number;
  /** A development is scored only if it shares at least one key with the article; at most this many are scored. */
  maxCandidates: number;
  /** Terms kept per development and language. */
  centroidSize: number;
  /** Anchors shared by more than this many recent developments don't nominate candidates (they still score). */
  maxPosting: number;
  /** Similarity is multiplied by this when the headline's actions clash with the development's (see signaturePenalty). */
  actionPenalty: number;
  /** ... and by this when the headline's subject is another country than the development's. */
  agentPenalty: number;
}

const DAY = 24 * 60 * 60 * 1000;

// Tuned on the demo labels and ECB+ train+dev with `hilo eval`; see README "Quality".
export const DEFAULT_GROUPING: GroupingOptions = {
  threshold: 0.2,
  windowMs: 7 * DAY,
  halfLifeMs: 3 * DAY,
  textWeight: 0.3,
  maxCandidates: 40,
  centroidSize: 300,
  maxPosting: 60,
  actionPenalty: 0.6,
  agentPenalty: 0.5,
};

/** The grouping's memory of one recent development. */
interface OpenDevelopment {
  id: number;
  firstSeen: number;
  lastSeen: number;
  articles: number;
  text: Map<Lang, SparseVector>;
  anchors: Map<string, number>;
  /** Headline actions of its articles, those they led with, and the headlines' subjects. */
  actions: Set<string>;
  mainActions: Set<string>;
  agents: Set<string>;
  /** Its weighted norms (see WeightsKept), kept until it takes an article or the counts move on. */
  kept?: WeightsKept | undefined;
}

/**
 * A development's IDF-weighted text norm per language and anchor mass, as last computed, with the document count
 * they were computed at. Every candidate used to sum its whole centroid's weights again for each article. When the
 * document count N moves by a share ε (df fixed), a term's IDF ln(1 + (N+1)/(df+1)) moves by at most ε·N/(N+df+2)
 * ≤ ε, at least ln 2 being its value: kept while N moves by 1 %, a norm is off by under 2 % (a cosine by under 1 %,
 * for the commonest terms; a fifth of that for the rare ones that decide). Summing again at 0.1 % cost ~5 % of the
 * pipeline's CPU at 10k archived (a profile); at 1 % no figure of `npm run eval` moved.
 */
interface WeightsKept {
  docCount: number;
  textNorms: Map<Lang, number>;
  anchorMass?: number;
}

// The document count may move by this share before a development's kept weights are summed again.
const WEIGHTS_KEPT_WHILE = 0.01;

/** The decision for one article. */
export interface Assignment {
  developmentId: number;
  created: boolean;
  similarity: number;
}

/**
 * Streaming grouping of articles into developments, in publication order: each article joins the most
 * similar recent development above the threshold or starts a new one. Same input, same order → same output.
 */
export class DevelopmentGrouper {
  private readonly open = new Map<number, OpenDevelopment>();
  private readonly postings = new Map<string, Set<number>>();
  private nextId: number;
  private clock = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly stats: TermStats,
    firstId: number,
    private readonly options: GroupingOptions = DEFAULT_GROUPING,
  ) {
    this.nextId = firstId;
  }

  /** Places one article, updating the development it joins or creates. */
  assign(article: GroupingFeatures): Assignment {
    this.advanceClock(article.publishedAt);
    const best = this.bestCandidate(article);
    if (best && best.similarity >= this.options.threshold) {
      this.absorb(best.development, article);
      return { developmentId: best.development.id, created: false, similarity: best.similarity };
    }
    const id = this.nextId++;
    this.replay(id, article);
    return { developmentId: id, created: true, similarity: best?.similarity ?? 0 };
  }

  /** Puts an already-grouped article back into memory (after a restart), without deciding anything. */
  replay(developmentId: number, article: GroupingFeatures): void {
    this.advanceClock(article.publishedAt);
    let development = this.open.get(developmentId);
    if (!development) {
      development = {
        id: developmentId,
        firstSeen: article.publishedAt,
        lastSeen: article.publishedAt,
        articles: 0,
        text: new Map(),
        anchors: new Map(),
        actions: new Set(),
        mainActions: new Set(),
        agents: new Set(),
      };
      this.open.set(developmentId, development);
      this.nextId = Math.max(this.nextId, developmentId + 1);
    }
    this.absorb(development, article);
  }

  /** Similarity of an article to a development: same-language text and shared anchors, decayed by the time between them. */
  similarity(
    article: GroupingFeatures,
    development: OpenDevelopment,
    weighted: WeightedTerms = weigh(article, this.stats),
  ): number {
    const centroid = development.text.get(article.lang);
    const anchorScore = this.anchorOverlap(weighted, development);
    const textScore = centroid ? this.cosineToCentroid(weighted, centroid, development, article.lang) : 0;
    // With no report in the article's language, anchors are all there is to compare.
    const score = centroid
      ? this.options.textWeight * textScore + (1 - this.options.textWeight) * anchorScore
      : anchorScore * (1 - this.options.textWeight / 2);
    return score * this.decay(article.publishedAt, development) * this.signaturePenalty(article.signature, development);
  }

  /**
   * Related but different events: the headline's main action is none the development's headlines had, or none of its
   * actions is one the development's headlines led with ("condemn Ecuador's raid" is not the raid); or its subject is
   * another country than the development's ("Nicaragua breaks ties" is not "Mexico breaks ties").
   */
  private signaturePenalty(signature: EventSignature | undefined, development: OpenDevelopment): number {
    if (!signature) return 1;
    let factor = 1;
    const actionsClash =
      signature.actions.length > 0 &&
      development.actions.size > 0 &&
      (!signature.main.some((action) => development.actions.has(action)) ||
        !signature.actions.some((action) => development.mainActions.has(action)));
    if (actionsClash) factor *= this.options.actionPenalty;
    if (signature.agent !== undefined && development.agents.size > 0 && !development.agents.has(signature.agent))
      factor *= this.options.agentPenalty;
    return factor;
  }

  /** IDF-weighted cosine of the article's terms (weighed once per decision) and a development's centroid. */
  private cosineToCentroid(
    article: WeightedTerms,
    centroid: SparseVector,
    development: OpenDevelopment,
    lang: Lang,
  ): number {
    let dot = 0;
    const { keys, values, squaredIdfs } = article.termList;
    for (let i = 0; i < keys.length; i += 1) {
      const other = centroid.get(keys[i]!);
      if (other !== undefined) dot += values[i]! * other * squaredIdfs[i]!;
    }
    if (dot === 0) return 0;
    const kept = this.keptWeights(development);
    let centroidNorm = kept.textNorms.get(lang);
    if (centroidNorm === undefined) {
      centroidNorm = 0;
      for (const [key, value] of centroid) {
        const s = this.stats.idf(key);
        centroidNorm += value * value * s * s;
      }
      kept.textNorms.set(lang, centroidNorm);
    }
    return dot / Math.sqrt(article.squaredNorm * centroidNorm);
  }

  /** The development's kept weights, started afresh when the document count has moved on too far. */
  private keptWeights(development: OpenDevelopment): WeightsKept {
    const docCount = this.stats.docCount;
    const kept = development.kept;
    if (kept && Math.abs(docCount - kept.docCount) <= WEIGHTS_KEPT_WHILE * docCount) return kept;
    development.kept = { docCount, textNorms: new Map() };
    return development.kept;
  }

  /**
   * How much of the article's anchor weight the development shares, against how much anchor weight each
   * side has: symmetric, so a large development does not win just by having seen every name.
   */
  private anchorOverlap(article: WeightedTerms, development: OpenDevelopment): number {
    let shared = 0;
    // An anchor seen in half of the development's articles counts fully; rarer ones count in proportion.
    const full = Math.max(1, development.articles / 2);
    for (const [anchor, weight] of article.anchorIdf) {
      const count = development.anchors.get(anchor);
      if (count) shared += weight * Math.min(1, count / full);
    }
    if (shared === 0) return 0;
    const kept = this.keptWeights(development);
    if (kept.anchorMass === undefined) {
      kept.anchorMass = 0;
      for (const [anchor, count] of development.anchors)
        kept.anchorMass += this.stats.idf(anchor) * Math.min(1, count / full);
    }
    return shared / Math.sqrt(article.anchorMass * kept.anchorMass);
  }

  private decay(at: number, development: OpenDevelopment): number {
    const gap = at < development.firstSeen ? development.firstSeen - at : Math.max(0, at - development.lastSeen);
    return 0.5 ** (gap / this.options.halfLifeMs);
  }

  private bestCandidate(article: GroupingFeatures): { development: OpenDevelopment; similarity: number } | undefined {
    // The counts stand still while one article is placed, so its terms and anchors are weighed once for every
    // candidate.
    const weighted = weigh(article, this.stats);
    const votes = new Map<number, number>();
    const vote = (key: string, weight: number) => {
      const posting = this.postings.get(key);
      if (!posting || posting.size > this.options.maxPosting) return;
      for (const id of posting) votes.set(id, (votes.get(id) ?? 0) + weight);
    };
    for (const [anchor, weight] of weighted.anchorIdf) vote(anchor, weight);
    for (const [term, weight] of weighted.termIdf) vote(term, weight);
    const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, this.options.maxCandidates);
    let best: { development: OpenDevelopment; similarity: number } | undefined;
    for (const [id] of ranked) {
      const development = this.open.get(id);
      if (!development || !this.inWindow(article.publishedAt, development)) continue;
      const similarity = this.similarity(article, development, weighted);
      if (!best || similarity > best.similarity || (similarity === best.similarity && id < best.development.id)) {
        best = { development, similarity };
      }
    }
    return best;
  }

  private inWindow(at: number, development: OpenDevelopment): boolean {
    return at - development.lastSeen <= this.options.windowMs && development.firstSeen - at <= this.options.windowMs;
  }

  private absorb(development: OpenDevelopment, article: GroupingFeatures): void {
    development.kept = undefined;
    development.articles += 1;
    development.firstSeen = Math.min(development.firstSeen, article.publishedAt);
    development.lastSeen = Math.max(development.lastSeen, article.publishedAt);
    let centroid = development.text.get(article.lang);
    if (!centroid) {
      centroid = new Map();
      development.text.set(article.lang, centroid);
    }
    addInto(centroid, article.terms);
    pruneTo(centroid, this.options.centroidSize);
    for (const anchor of article.anchors) {
      development.anchors.set(anchor, (development.anchors.get(anchor) ?? 0) + 1);
      this.post(anchor, development);
    }
    for (const term of article.terms.keys()) this.post(term, development);
    const signature = article.signature;
    if (signature) {
      for (const action of signature.actions) development.actions.add(action);
      for (const action of signature.main) development.mainActions.add(action);
      if (signature.agent !== undefined) development.agents.add(signature.agent);
    }
  }

  private post(key: string, development: OpenDevelopment): void {
    const posting = this.postings.get(key);
    if (posting) posting.add(development.id);
    else this.postings.set(key, new Set([development.id]));
  }

  /** Forgets developments that fell out of the window, so memory and cost stay flat as the archive grows. */
  private advanceClock(at: number): void {
    if (at <= this.clock) return;
    const previous = this.clock;
    this.clock = at;
    if (Math.floor(previous / DAY) === Math.floor(at / DAY)) return;
    let forgotten = 0;
    for (const [id, development] of this.open) {
      if (at - development.lastSeen <= this.options.windowMs) continue;
      this.open.delete(id);
      forgotten += 1;
    }
    if (forgotten > 0) this.dropStalePostings();
  }

  /**
   * Takes forgotten developments out of every posting, once a day when any were forgotten. A development used to
   * keep the set of keys it was posted under for this (~3 KB each: 15.6 → 12.3 KB an open development, measured); a
   * sweep of the postings leaves them exactly as removing those keys did.
   */
  private dropStalePostings(): void {
    for (const [key, posting] of this.postings) {
      for (const id of posting) if (!this.open.has(id)) posting.delete(id);
      if (posting.size === 0) this.postings.delete(key);
    }
  }

  /** How many developments the grouping currently keeps in memory. */
  get openCount(): number {
    return this.open.size;
  }

  /** How many keys (terms and anchors) nominate candidates: those of the developments kept, no more. */
  get postedKeys(): number {
    return this.postings.size;
  }
}

/** An article's terms and anchors with their IDF weights, its terms' squared weighted norm and its anchor mass. */
interface WeightedTerms {
  terms: SparseVector;
  termIdf: Map<string, number>;
  /** The terms in the vector's order with their values and squared IDFs, for the cosine's loop over candidates. */
  termList: { keys: string[]; values: number[]; squaredIdfs: number[] };
  squaredNorm: number;
  anchorIdf: Map<string, number>;
  anchorMass: number;
}

function weigh(article: Pick<GroupingFeatures, "terms" | "anchors">, stats: TermStats): WeightedTerms {
  const termIdf = new Map<string, number>();
  const termList = { keys: [] as string[], values: [] as number[], squaredIdfs: [] as number[] };
  let squaredNorm = 0;
  for (const [key, value] of article.terms) {
    const s = stats.idf(key);
    termIdf.set(key, s);
    termList.keys.push(key);
    termList.values.push(value);
    termList.squaredIdfs.push(s * s);
    squaredNorm += value * value * s * s;
  }
  const anchorIdf = new Map<string, number>();
  let anchorMass = 0;
  for (const anchor of article.anchors) {
    const weight = stats.idf(anchor);
    anchorIdf.set(anchor, weight);
    anchorMass += weight;
  }
  return { terms: article.terms, termIdf, termList, squaredNorm, anchorIdf, anchorMass };
}
