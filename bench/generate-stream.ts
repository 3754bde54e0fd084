import { createHash } from "node:crypto";
import type { StoryPack } from "../src/digest/index.js";

/** A small seeded PRNG (mulberry32), so every run benchmarks the same stream. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS_ES = "gobierno anuncia medidas tras reunión con ministros sobre seguridad frontera comercio crisis diálogo oposición elecciones economía inflación protestas acuerdo regional sanciones petróleo migración".split(" ");
const WORDS_EN = "government announces measures after meeting with ministers on security border trade crisis talks opposition elections economy inflation protests regional agreement sanctions oil migration".split(" ");

/**
 * `count` articles in es and en over consecutive days: events of 2–8 reports each (rewrites of one
 * seed text), names drawn from the story's actors, a few hundred words long, in publication order.
 */
export function generateStream(pack: StoryPack, count: number, seed: number) {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const names = pack.actors.map((actor) => actor.names.es);
  const out = [];
  let at = Date.parse("2025-01-01T00:00:00Z");
  let event = 0;
  while (out.length < count) {
    event += 1;
    const lang = next() < 0.6 ? "es" : "en";
    const words = lang === "es" ? WORDS_ES : WORDS_EN;
    const cast = [pick(names), pick(names)];
    const number = Math.floor(next() * 5000);
    const base = Array.from({ length: 120 }, () => pick(words));
    const reports = 2 + Math.floor(next() * 7);
    for (let r = 0; r < reports && out.length < count; r += 1) {
      at += Math.floor(next() * 20 * 60_000);
      const text = base.map((word) => (next() < 0.15 ? pick(words) : word));
      text.splice(10, 0, cast[0]!, String(number), cast[1]!, `Evento${event}`);
      const title = `${cast[0]} ${text.slice(0, 8).join(" ")} ${number}`;
      const body = `${text.join(" ")}.`;
      const publisher = `Outlet ${1 + Math.floor(next() * 40)}`;
      const id: string = createHash("sha256").update(`bench:${out.length}`).digest("hex");
      out.push({
        feed: { url: `bench:${publisher}`, publisher },
        article: { id, feedUrl: `bench:${publisher}`, publisher, url: null, title, text: body, lang, publishedAt: at } as const,
      });
    }
  }
  return out;
}
