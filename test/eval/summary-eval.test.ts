import { describe, expect, it } from "vitest";
import {
  datasetTermStats,
  leadSummary,
  newestDoc,
  type SummaryCluster,
  scoreSummaries,
} from "../../eval/summary-eval.js";

const CLUSTER: SummaryCluster = {
  id: "c1",
  docs: [
    { id: "old", title: "", text: "Old news about the harbour strike.", publishedAt: 1 },
    { id: "new", title: "", text: "Dockers ended the harbour strike on Friday after a deal on pay.", publishedAt: 3 },
    { id: "mid", title: "", text: "The strike went on for a second week.", publishedAt: 2 },
  ],
  references: ["dockers ended the strike", "the harbour strike ended"],
};

describe("newestDoc and leadSummary", () => {
  it("opens the newest document, cut to bytes or to words", () => {
    expect(newestDoc(CLUSTER.docs)?.id).toBe("new");
    expect(leadSummary(CLUSTER, { bytes: 13 })).toBe("Dockers ended");
    expect(leadSummary(CLUSTER, { words: 4 })).toBe("Dockers ended the harbour");
  });

  it("takes the last listed among documents without dates or with the same date", () => {
    expect(
      newestDoc([
        { id: "a", title: "", text: "" },
        { id: "b", title: "", text: "" },
      ])?.id,
    ).toBe("b");
    expect(
      newestDoc([
        { id: "a", title: "", text: "", publishedAt: 5 },
        { id: "b", title: "", text: "", publishedAt: 5 },
      ])?.id,
    ).toBe("b");
  });
});

describe("scoreSummaries", () => {
  it("averages ROUGE recall over the references, then over clusters", () => {
    const scores = scoreSummaries("fixed", [CLUSTER, { ...CLUSTER, id: "c2" }], () => "dockers ended", { stem: false });
    // Reference 1: dockers, ended of 4 unigrams; reference 2: ended of 4. Bigrams: "dockers ended" of 3, none of 3.
    expect(scores.rouge1).toBeCloseTo((2 / 4 + 1 / 4) / 2, 12);
    expect(scores.rouge2).toBeCloseTo((1 / 3 + 0) / 2, 12);
    expect(scores).toMatchObject({ system: "fixed", clusters: 2, meanWords: 2 });
  });
});

describe("datasetTermStats", () => {
  it("weighs a word every document uses below one only a few use", () => {
    const stats = datasetTermStats([CLUSTER], "en");
    expect(stats.docCount).toBe(3);
    expect(stats.idf("strike")).toBeLessThan(stats.idf("docker"));
  });
});
