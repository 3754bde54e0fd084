import { createHash } from "node:crypto";
import type { StoryPack } from "../src/digest/index.js";

/** A small seeded PRNG (mulberry32), so every run benchmarks the same stream. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS_ES =
  "el la de que en los del se las por un para con una su al lo como más pero sus le ya o este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante gobierno dijo según".split(
    " ",
  );
const WORDS_EN =
  "the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their said government according after".split(
    " ",
  );
const SYLLABLES =
  "ba ca da fa ga la ma na pa ra sa ta va be ce de fe le me ne pe re se te ve bi ci di fi li mi ni pi ri si ti vi bo co do fo lo mo no po ro so to vo".split(
    " ",
  );

/** One generated article, with the feed it came from. */
export type GeneratedArticle = ReturnType<typeof streamArticles> extends Generator<infer T> ? T : never;

/**
 * `count` articles in es and en over consecutive days: events of 2–8 reports each (rewrites of one
 * seed text), names drawn from the story's actors, a few hundred words long, in publication order.
 */
export function generateStream(pack: StoryPack, count: number, seed: number) {
  return [...streamArticles(pack, count, seed)];
}

/** The same stream, made one article at a time, so a 100,000-article run never holds it all in memory. */
export function* streamArticles(pack: StoryPack, count: number, seed: number) {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const names = pack.actors.map((actor) => actor.names.es);
  // A vocabulary of made-up content words; each event draws its own handful, as real events have their own words.
  const vocabulary = Array.from({ length: 5000 }, () =>
    Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(SYLLABLES)).join(""),
  );
  let made = 0;
  let at = Date.parse("2025-01-01T00:00:00Z");
  let event = 0;
  while (made < count) {
    event += 1;
    const lang = next() < 0.6 ? "es" : "en";
    const common = lang === "es" ? WORDS_ES : WORDS_EN;
    const words = [...common, ...Array.from({ length: 40 }, () => pick(vocabulary))];
    const cast = [pick(names), pick(names)];
    const number = Math.floor(next() * 5000);
    const base = Array.from({ length: 120 }, () => pick(words));
    const reports = 2 + Math.floor(next() * 7);
    for (let r = 0; r < reports && made < count; r += 1) {
      at += Math.floor(next() * 20 * 60_000);
      const text = base.map((word) => (next() < 0.15 ? pick(words) : word));
      text.splice(10, 0, cast[0]!, String(number), cast[1]!, `Evento${event}`);
      const title = `${cast[0]} ${text.slice(0, 8).join(" ")} ${number}`;
      const body = `${text.join(" ")}.`;
      const publisher = `Outlet ${1 + Math.floor(next() * 40)}`;
      const id: string = createHash("sha256").update(`bench:${made}`).digest("hex");
      made += 1;
      yield {
        feed: { url: `bench:${publisher}`, publisher },
        article: {
          id,
          feedUrl: `bench:${publisher}`,
          publisher,
          url: null,
          title,
          text: body,
          lang,
          publishedAt: at,
        } as const,
      };
    }
  }
}
