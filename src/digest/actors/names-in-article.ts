import { tokenize } from "../text/tokenize.js";
import { findNameMentions, PERSON_TITLES } from "./emerging-actors.js";

/** A name outside the registry as one report writes it, and whether a title stood before it. */
export interface ArticleName {
  key: string;
  form: string;
  personHint: boolean;
  /** Seen only opening a sentence, where any word is capitalised: a name only if written as one elsewhere. */
  initial: boolean;
}

/**
 * The capitalised names of one report that the registry does not know (`isKnown` takes folded phrases), each once per
 * form, with a hint when a title or office came just before it ("la ministra Andrea Arrobo").
 */
export function namesInArticle(
  article: { id: string; title: string; text: string; publisher: string; publishedAt: number },
  isKnown: (folded: string) => boolean,
): ArticleName[] {
  const seen = new Map<string, ArticleName>();
  for (const mention of findNameMentions([article], isKnown, { keepInitial: true })) {
    const text = article[mention.field];
    const form = text.slice(mention.start, mention.end);
    const before = tokenize(text.slice(Math.max(0, mention.start - 40), mention.start)).slice(-3);
    // "El Salvador", "La Roca": the article word the name search left out may complete a name Hilo knows.
    const previous = before.at(-1);
    if (
      previous &&
      mention.start - previous.end - Math.max(0, mention.start - 40) <= 1 &&
      isKnown(`${previous.folded} ${mention.key}`)
    )
      continue;
    const personHint = before.some((token) => PERSON_TITLES.has(token.folded));
    const initial = mention.initial === true;
    const known = seen.get(form);
    if (known) {
      known.personHint ||= personHint;
      known.initial &&= initial;
    } else {
      seen.set(form, { key: mention.key, form, personHint, initial });
    }
  }
  return [...seen.values()];
}
