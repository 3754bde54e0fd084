import { describe, expect, it } from "vitest";
import { evaluateActorDiscovery, type TaggedSentence } from "../../eval/actor-discovery-eval.js";

const sentence = (id: string, pairs: string): TaggedSentence => {
  const items = pairs.split(" ").map((pair) => pair.split("/") as [string, string]);
  return { id, tokens: items.map(([token]) => token), tags: items.map(([, tag]) => tag) };
};

// Made-up sentences, tagged as CoNLL-2002 tags them.
const SENTENCES = [
  sentence(
    "s0",
    "La/O ministra/O Carmen/B-PER Olmedo/I-PER visitó/O Valdemora/B-LOC con/O el/O Banco/B-ORG Austral/I-ORG ./O",
  ),
  sentence("s1", "Caracas/B-LOC recibió/O la/O Copa/B-MISC Andina/I-MISC ./O"),
  sentence("s2", "Según/O Pedro/B-PER Ruiz/I-PER ,/O el/O puerto/O cerró/O ./O"),
  sentence("s3", "Anoche/O Marta/B-PER habló/O ./O"),
  sentence("s4", "El/O director/O de/O la/O ONG/O Mar/B-ORG Limpio/I-ORG habló/O ./O"),
  sentence("s5", "Abrió/O otro/O McDonald's/B-ORG en/O Lima/B-LOC ./O"),
];
const isKnown = (phrase: string) => phrase === "caracas";

describe("evaluateActorDiscovery", () => {
  const scores = evaluateActorDiscovery(SENTENCES, isKnown);

  it("counts a name found with its exact span, whatever its type", () => {
    // Found: Carmen Olmedo, Valdemora, Banco Austral, Pedro Ruiz, Marta, Lima.
    // Proposed wrongly: Copa Andina (MISC), "ONG Mar Limpio" (too long), "McDonald" (ends inside a token).
    expect(scores.untyped).toMatchObject({ truePositives: 6, falsePositives: 3, falseNegatives: 2 });
    expect(scores.untyped.precision).toBeCloseTo(6 / 9, 12);
    expect(scores.untyped.recall).toBeCloseTo(6 / 8, 12);
  });

  it("reports recall per gold type, and the MISC names and misaligned spans among the false positives", () => {
    expect(scores.recallByType).toEqual({
      PER: { found: 3, names: 3 },
      ORG: { found: 1, names: 3 },
      LOC: { found: 2, names: 2 },
    });
    expect(scores.proposedMisc).toBe(1);
    expect(scores.unaligned).toBe(1);
  });

  it("leaves names the registry already knows out of the gold, since discovery skips them by design", () => {
    expect(scores.goldInRegistry).toBe(1);
    expect(scores.goldNames).toBe(8);
    const withoutRegistry = evaluateActorDiscovery(SENTENCES, () => false);
    expect(withoutRegistry.goldNames).toBe(9);
    expect(withoutRegistry.untyped.truePositives).toBe(6); // "Caracas" opens its sentence and is capitalised nowhere else
  });

  it("reads an I- tag after another type as the start of a new name", () => {
    const odd = evaluateActorDiscovery([sentence("x", "Vino/O Ana/I-PER Soler/I-PER ./O")], () => false);
    expect(odd.untyped).toMatchObject({ truePositives: 1, falsePositives: 0, falseNegatives: 0 });
  });
});
