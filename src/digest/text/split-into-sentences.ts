/**
 * Sentences of a plain news text. A full stop ends a sentence unless it closes an abbreviation
 * ("Gen.", "Sr."), an initial ("George W. Bush") or a dotted acronym before a capitalised word
 * ("the U.S. Senate"), which news texts use far more often mid-sentence than at the end.
 */
export function splitIntoSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const boundary of text.matchAll(BOUNDARY)) {
    const end = boundary.index + boundary[1]!.length;
    if (boundary[1]!.endsWith(".") && !endsSentence(text.slice(start, end))) continue;
    pushTrimmed(sentences, text.slice(start, end));
    start = end;
  }
  pushTrimmed(sentences, text.slice(start));
  return sentences;
}

// End punctuation with any closing quotes or brackets, then space, then what can open a sentence.
const BOUNDARY = /([.!?…]+["'”’»)\]]*)\s+(?=[\p{Lu}\p{N}¿¡"“«'‘(])/gu;

// Lowercase forms; a dot after these usually continues the sentence ("EE. UU." is the Spanish United States).
const ABBREVIATIONS = new Set(
  (
    "mr mrs ms dr prof sr sra srta dra lic ing gen gral lt col sgt capt cap cmdr adm gov sen rep rev st mt ft " +
    "jr no nos vs etc inc corp co ltd bros dept univ approx ave av jan feb mar apr jun jul aug sep sept oct nov " +
    "dec ene abr ago dic pres sec ee uu"
  ).split(" "),
);

function endsSentence(candidate: string): boolean {
  const lastWord = /([\p{L}.]+)\.$/u.exec(candidate)?.[1];
  if (lastWord === undefined) return true;
  if (/^\p{Lu}$/u.test(lastWord)) return false; // an initial
  if (/^(?:\p{L}\.)+\p{L}$/u.test(lastWord)) return false; // "U.S", "E.E.U.U"
  return !ABBREVIATIONS.has(lastWord.toLowerCase());
}

function pushTrimmed(sentences: string[], sentence: string): void {
  const trimmed = sentence.trim();
  if (trimmed !== "") sentences.push(trimmed);
}
