import { findNameMentions } from "../src/digest/actors/emerging-actors.js";
import { foldPhrase } from "../src/digest/text/tokenize.js";
import type { Prf } from "./cluster-metrics.js";

/** A sentence of a named-entity corpus: tokens and their IOB2 tags (B-PER, I-PER, O …). */
export interface TaggedSentence {
  id: string;
  tokens: string[];
  tags: string[];
}

/** The entity types actor discovery is scored on; MISC (events, works, nationalities) is not an actor. */
export const ACTOR_TYPES = ["PER", "ORG", "LOC"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** How well name discovery finds the PER/ORG/LOC names of a tagged corpus, span by span. */
export interface ActorDiscoveryScores {
  sentences: number;
  /** Gold PER/ORG/LOC names scored: those the registry already knows are left out (discovery skips them by design). */
  goldNames: number;
  goldInRegistry: number;
  /** Exact span, any type: Hilo proposes names without a type. */
  untyped: Prf & { truePositives: number; falsePositives: number; falseNegatives: number };
  /** Per gold type, the share of its names found with the exact span. */
  recallByType: Record<ActorType, { found: number; names: number }>;
  /** Proposed spans that are exactly a MISC name (counted as false positives above). */
  proposedMisc: number;
  /** Proposed spans that start or end inside a corpus token, so match nothing. */
  unaligned: number;
}

interface Span {
  sentence: number;
  first: number;
  last: number;
  type: string;
}

/**
 * Runs Hilo's name discovery (findNameMentions: capitalised runs outside the registry) over each
 * sentence, with the whole corpus as context, and scores the mentions against the gold names.
 */
export function evaluateActorDiscovery(
  sentences: readonly TaggedSentence[],
  isKnown: (foldedPhrase: string) => boolean,
): ActorDiscoveryScores {
  const starts: Map<number, number>[] = [];
  const ends: Map<number, number>[] = [];
  const docs = sentences.map((sentence, index) => {
    const startAt = new Map<number, number>();
    const endAt = new Map<number, number>();
    let offset = 0;
    sentence.tokens.forEach((token, position) => {
      startAt.set(offset, position);
      endAt.set(offset + token.length, position);
      offset += token.length + 1;
    });
    starts.push(startAt);
    ends.push(endAt);
    return { id: String(index), publisher: "corpus", title: "", text: sentence.tokens.join(" "), publishedAt: 0 };
  });

  let unaligned = 0;
  const proposed = new Set<string>();
  for (const mention of findNameMentions(docs, isKnown)) {
    const sentence = Number(mention.doc.id);
    const first = starts[sentence]!.get(mention.start);
    const last = ends[sentence]!.get(mention.end);
    if (first === undefined || last === undefined) unaligned += 1;
    else proposed.add(key({ sentence, first, last, type: "" }));
  }

  const gold = sentences.flatMap((sentence, index) => goldSpans(sentence, index));
  const recallByType = Object.fromEntries(
    ACTOR_TYPES.map((type) => [type, { found: 0, names: 0 }]),
  ) as ActorDiscoveryScores["recallByType"];
  let goldInRegistry = 0;
  let truePositives = 0;
  const actorKeys = new Set<string>();
  const miscKeys = new Set<string>();
  for (const span of gold) {
    if (span.type === "MISC") {
      miscKeys.add(key(span));
      continue;
    }
    if (!(ACTOR_TYPES as readonly string[]).includes(span.type)) continue;
    const words = sentences[span.sentence]!.tokens.slice(span.first, span.last + 1).join(" ");
    if (isKnown(foldPhrase(words))) {
      goldInRegistry += 1;
      continue;
    }
    actorKeys.add(key(span));
    const tally = recallByType[span.type as ActorType];
    tally.names += 1;
    if (proposed.has(key(span))) {
      tally.found += 1;
      truePositives += 1;
    }
  }
  const proposedMisc = [...proposed].filter((span) => miscKeys.has(span)).length;
  const falsePositives = proposed.size - truePositives + unaligned;
  const falseNegatives = actorKeys.size - truePositives;
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = actorKeys.size === 0 ? 1 : truePositives / actorKeys.size;
  return {
    sentences: sentences.length,
    goldNames: actorKeys.size,
    goldInRegistry,
    untyped: {
      precision,
      recall,
      f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
      truePositives,
      falsePositives,
      falseNegatives,
    },
    recallByType,
    proposedMisc,
    unaligned,
  };
}

/** Gold names from IOB2 tags; an I- tag that follows nothing of its type opens a name too. */
function goldSpans(sentence: TaggedSentence, index: number): Span[] {
  const spans: Span[] = [];
  let open: Span | undefined;
  sentence.tags.forEach((tag, position) => {
    const [prefix, type] = tag.split("-", 2) as [string, string | undefined];
    if (open && (prefix !== "I" || type !== open.type)) {
      spans.push(open);
      open = undefined;
    }
    if ((prefix === "B" || prefix === "I") && type) {
      if (open) open.last = position;
      else open = { sentence: index, first: position, last: position, type };
    }
  });
  if (open) spans.push(open);
  return spans;
}

function key(span: Span): string {
  return `${span.sentence}:${span.first}:${span.last}`;
}
