import { describe, expect, it } from "vitest";
import { type DevelopmentLabel, scoreDevelopmentSplits, topicsApart } from "../../eval/development-eval.js";

// Two topics, each with two different events of the same kind.
const LABELS: DevelopmentLabel[] = [
  { id: "q1", cluster: "quake-north", topic: "quakes", split: "train" },
  { id: "q2", cluster: "quake-north", topic: "quakes", split: "dev" },
  { id: "q3", cluster: "quake-south", topic: "quakes", split: "train" },
  { id: "r1", cluster: "rehab-singer", topic: "rehab", split: "test" },
  { id: "r2", cluster: "rehab-actor", topic: "rehab", split: "test" },
  { id: "r3", cluster: "rehab-actor", topic: "rehab", split: "test" },
];

describe("topicsApart", () => {
  it("counts a topic apart only when no development holds reports of both its events", () => {
    const apart = new Map([
      ["q1", "1"],
      ["q2", "1"],
      ["q3", "2"],
      ["r1", "3"],
      ["r2", "4"],
      ["r3", "4"],
    ]);
    expect(topicsApart(LABELS, apart)).toEqual({ apart: 2, topics: 2 });
    const merged = new Map([...apart, ["q3", "1"]]);
    expect(topicsApart(LABELS, merged)).toEqual({ apart: 1, topics: 2 });
  });

  it("counts a topic merged when one event is split and a piece joins the other event", () => {
    const predicted = new Map([
      ["q1", "1"],
      ["q2", "5"],
      ["q3", "5"],
    ]);
    expect(topicsApart(LABELS.slice(0, 3), predicted)).toEqual({ apart: 0, topics: 1 });
  });

  it("has nothing to say about data without topics", () => {
    expect(topicsApart([{ id: "a", cluster: "x" }], new Map([["a", "1"]]))).toBeUndefined();
  });
});

describe("scoreDevelopmentSplits", () => {
  it("groups test apart from train and dev, and scores each against its gold events", () => {
    const groupedParts: string[][] = [];
    const byEvent = (part: readonly DevelopmentLabel[]) => {
      groupedParts.push(part.map((label) => label.id));
      return new Map(part.map((label) => [label.id, label.topic!])); // one development per topic: events merged
    };
    const splits = scoreDevelopmentSplits(LABELS, (label) => label, byEvent);
    expect(groupedParts).toEqual([
      ["r1", "r2", "r3"],
      ["q1", "q2", "q3"],
    ]);
    expect(splits.map((split) => split.split)).toEqual(["test", "train+dev"]);
    const test = splits[0]!;
    expect(test.scores.items).toBe(3);
    expect(test.scores.pairwise.precision).toBeCloseTo(1 / 3, 12); // one right pair of three predicted
    expect(test.scores.pairwise.recall).toBe(1);
    expect(test.topicsApart).toEqual({ apart: 0, topics: 1 });
  });

  it("puts lines without a split into one part called all", () => {
    const splits = scoreDevelopmentSplits(
      [
        { id: "a", cluster: "x" },
        { id: "b", cluster: "x" },
      ],
      (label) => label,
      () =>
        new Map([
          ["a", "1"],
          ["b", "1"],
        ]),
    );
    expect(splits).toEqual([{ split: "all", scores: expect.objectContaining({ items: 2 }) }]);
    expect(splits[0]!.scores.bcubed.f1).toBe(1);
  });
});
