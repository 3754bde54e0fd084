import { type ActorMatcher, createActorMatcher } from "../actors/match-actors.js";
import { PhraseMatcher } from "../actors/phrase-matcher.js";
import { worldActors } from "../actors/world-actors.js";
import type { StoryPack } from "../content/load-story-pack.js";
import type { Lang } from "../model.js";
import { splitIntoSentences } from "../text/split-into-sentences.js";
import { stem } from "../text/stem.js";
import { isStopword } from "../text/stopwords.js";
import { isTitleCase } from "../text/title-case.js";
import { type Token, tokenize } from "../text/tokenize.js";
import { createSignatureReader, type SignatureReader } from "./event-signature.js";
import type { GroupingFeatures } from "./group-articles.js";
import type { SparseVector } from "./sparse-vector.js";
import { articleRelevance, type StoryKeys, storyKeys } from "./story-relevance.js";

/** The story's names and concepts, compiled once for matching. */
export interface StoryVocabulary {
  actors: ActorMatcher;
  /** Glossary phrases over stemmed tokens, per language → concept id. */
  concepts: Record<Lang, PhraseMatcher<string>>;
  /** Place names over folded tokens → place id. */
  places: PhraseMatcher<string>;
  /** Which actors and concepts define the story and which only appear in it. */
  keys: StoryKeys;
  /** The story's own actors: a development is told with these (the gazetteer's countries are linked, not told). */
  tracked: ReadonlySet<string>;
  /** Reads what a headline says happened, and who did it. */
  signatures: SignatureReader;
}

/** Everything Hilo derives from one article's words. */
export interface ArticleFeatures extends GroupingFeatures {
  /** The title's and text's content stems in order (as contentStems gives them), for the article's reading. */
  stems: { title: string[]; text: string[] };
  actorIds: string[];
  /** How much the article belongs to the story, 0 to 1 (see story-relevance.ts). */
  relevance: number;
}

/** Compiles the story pack's actors, glossary and places into matchers. */
export function buildVocabulary(
  pack: Pick<StoryPack, "actors" | "glossary" | "places"> & Partial<Pick<StoryPack, "world" | "worldActions">>,
): StoryVocabulary {
  const concepts: Record<Lang, PhraseMatcher<string>> = { es: new PhraseMatcher(), en: new PhraseMatcher() };
  for (const concept of pack.glossary) {
    for (const lang of ["es", "en"] as const) {
      for (const phrase of concept[lang]) {
        const stems = contentStems(tokenize(phrase), lang);
        if (stems.length > 0) concepts[lang].add(stems, concept.id);
      }
    }
  }
  const places = new PhraseMatcher<string>();
  for (const place of pack.places) {
    for (const name of place.names) {
      const tokens = tokenize(name).map((token) => token.folded);
      if (tokens.length > 0) places.add(tokens, place.id);
    }
  }
  const world = worldActors({ actors: pack.actors, world: pack.world ?? [] });
  const actors = createActorMatcher(pack.actors, pack.places, world.links);
  const countryOf = new Map<string, string>();
  // A person, government or army acts for its country; an organisation for itself (the OAS is not the United States).
  for (const actor of pack.actors) if (actor.kind !== "organisation") countryOf.set(actor.id, actor.country);
  // Who did it is read from any country's name, even one the story keeps as a place ("Colombia rompe relaciones").
  for (const entry of pack.world ?? []) if (entry.kind === "government") countryOf.set(entry.id, entry.country);
  const countries = createActorMatcher(
    [],
    [],
    (pack.world ?? [])
      .filter((entry) => entry.kind === "government")
      .map((entry) => ({ actorId: entry.id, names: [entry.names.es, entry.names.en, ...entry.aliases] })),
  );
  return {
    actors,
    concepts,
    places,
    keys: storyKeys(pack),
    tracked: new Set(pack.actors.map((actor) => actor.id)),
    signatures: createSignatureReader([pack.glossary, pack.worldActions ?? []], [actors, countries], countryOf),
  };
}

// Words a glossary phrase may have between two of its own and still be read as it: "breaks diplomatic ties".
const CONCEPT_GAP = 1;

/** Terms (stemmed, title counted twice) and language-independent anchors of one article. */
export function extractFeatures(
  vocabulary: StoryVocabulary,
  article: { title: string; text: string; lang: Lang; publishedAt: number },
): ArticleFeatures {
  const { lang } = article;
  const counts = new Map<string, number>();
  const anchors = new Set<string>();
  // The lead (headline and first sentence) says what happened; the rest is detail and background.
  const ledeEnd = splitIntoSentences(article.text)[0]?.length ?? 0;
  const lead = new Set<string>();
  const body = new Set<string>();
  const fieldStems = { title: [] as string[], text: [] as string[] };
  for (const [field, weight] of [
    ["title", 2],
    ["text", 1],
  ] as const) {
    const tokens = tokenize(article[field]);
    const stems: number[] = [];
    const stemmed = fieldStems[field];
    tokens.forEach((token, i) => {
      if (token.kind === "number") {
        if (token.folded.length >= 2) anchors.add(`n:${token.folded}`);
        return;
      }
      if (token.folded.length < 2 || isStopword(token.folded, lang)) return;
      const term = stem(token.folded, lang);
      stems.push(i);
      stemmed.push(term);
      counts.set(term, (counts.get(term) ?? 0) + weight);
    });
    const inLead = (tokenIndex: number) => field === "title" || tokens[tokenIndex]!.start < ledeEnd;
    for (const match of vocabulary.concepts[lang].matchAllWithGaps(stemmed, CONCEPT_GAP)) {
      for (const id of match.values) {
        anchors.add(`c:${id}`);
        (inLead(stems[match.start]!) ? lead : body).add(`c:${id}`);
      }
    }
    for (const match of vocabulary.places.matchAll(tokens.map((token) => token.folded)))
      for (const id of match.values) anchors.add(`p:${id}`);
    // A capitalised word inside a sentence is a name; names carry across languages unstemmed. A name also read as an
    // actor or a place counts again (measured: dropping those lost 0.02 B-cubed on both stories), but a Title Case
    // Headline Names Nothing By Its Capitals.
    if (field === "title" && isTitleCase(tokens)) continue;
    for (const token of tokens) {
      if (
        token.kind !== "word" ||
        !token.capitalised ||
        token.sentenceStart ||
        token.folded.length < 2 ||
        isStopword(token.folded, lang)
      )
        continue;
      anchors.add(`e:${token.folded}`);
    }
  }
  const mentions = vocabulary.actors.matchArticle(article, article.publishedAt);
  // Countries and bodies from the shared gazetteer are linked, but only the story's own names anchor and weigh.
  for (const mention of mentions) {
    if (mention.via === "world") continue;
    anchors.add(`a:${mention.actorId}`);
    (mention.field === "title" || mention.start < ledeEnd ? lead : body).add(`a:${mention.actorId}`);
  }
  const actorIds = [...new Set(mentions.map((mention) => mention.actorId))].sort();

  const terms: SparseVector = new Map();
  for (const [term, count] of counts) terms.set(term, 1 + Math.log(count));
  return {
    lang,
    publishedAt: article.publishedAt,
    terms,
    anchors,
    stems: fieldStems,
    signature: vocabulary.signatures.read(article.title, lang, article.publishedAt),
    actorIds,
    relevance: articleRelevance(lead, body, vocabulary.keys),
  };
}

/** Stems of the words that carry meaning (stopwords and numbers left out). */
export function contentStems(tokens: readonly Token[], lang: Lang): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    if (token.kind !== "word" || token.folded.length < 2 || isStopword(token.folded, lang)) continue;
    out.push(stem(token.folded, lang));
  }
  return out;
}
