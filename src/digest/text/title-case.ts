import type { Token } from "./tokenize.js";

/** True for a Headline Written In Title Case, whose capitals say nothing about which words are names. */
export function isTitleCase(tokens: readonly Token[]): boolean {
  let long = 0;
  let capitalised = 0;
  for (const t of tokens) {
    if (t.kind !== "word" || t.folded.length < 4) continue;
    long++;
    if (t.capitalised) capitalised++;
  }
  return long >= 3 && capitalised / long > 0.6;
}
