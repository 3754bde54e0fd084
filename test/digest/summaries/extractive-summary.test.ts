import { describe, expect, it } from "vitest";
import {
  extractiveSummary,
  MORE_SUMMARY,
  type SummaryArticle,
  withoutDateline,
} from "../../../src/digest/summaries/extractive-summary.js";

const flat = () => 1;
const at = (day: number) => Date.parse(`2025-12-${String(day).padStart(2, "0")}T12:00:00Z`);

// Three made-up reports of one event: a tanker seized off the coast, with asides each report adds.
const REPORTS: SummaryArticle[] = [
  {
    title: "Coast guard seizes tanker",
    text:
      "PUERTO NUEVO (Wire) _ The coast guard seized an oil tanker off the northern coast on Monday after a long chase at sea. " +
      "The crew of twenty sailors was detained and taken to the naval base for questioning. " +
      "Local fishermen said the weather had been calm and mild all week.",
    publishedAt: at(8),
  },
  {
    title: "Tanker seized after chase",
    text:
      "An oil tanker was seized by the coast guard off the northern coast after a chase that lasted the whole night. " +
      "Officials said the tanker carried crude oil without the papers the port authority requires from every ship. " +
      "A football match in the capital was postponed because of heavy rain on Sunday evening.",
    publishedAt: at(9),
  },
  {
    title: "Owners protest tanker seizure",
    text:
      "The owners of the seized oil tanker protested on Tuesday and asked the coast guard to release the crew at once. " +
      "The coast guard seized the oil tanker off the northern coast after a long chase at sea on Monday.",
    publishedAt: at(10),
  },
];

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe("extractiveSummary", () => {
  it("picks sentences about what the reports share and leaves out the asides", () => {
    const { text } = extractiveSummary(REPORTS, "en", flat, { ...MORE_SUMMARY, maxWords: 40, cutLast: false });
    expect(text).toMatch(/seized an oil tanker off the northern coast/);
    expect(text).toMatch(/carried crude oil without the papers/);
    expect(text).not.toMatch(/football|fishermen/);
  });

  it("leaves out a sentence that repeats one already chosen", () => {
    const { sentences } = extractiveSummary(REPORTS, "en", flat, { ...MORE_SUMMARY, maxWords: 200 });
    const seizures = sentences.filter((sentence) =>
      /seized (?:an|the) oil tanker off the northern coast/.test(sentence),
    );
    expect(seizures).toHaveLength(1);
  });

  it("when asked to cut, fills the word budget by cutting only the last sentence and marking the cut", () => {
    const summary = extractiveSummary(REPORTS, "en", flat, { ...MORE_SUMMARY, maxWords: 25, cutLast: true });
    expect(summary.words).toBe(25);
    expect(words(summary.text)).toBe(25);
    expect(summary.sentences.at(-1)).toMatch(/…$/);
    expect(summary.sentences.slice(0, -1).every((sentence) => !sentence.endsWith("…"))).toBe(true);
  });

  it("by default skips sentences that do not fit instead of cutting them: whole sentences only", () => {
    const summary = extractiveSummary(REPORTS, "en", flat, { ...MORE_SUMMARY, maxWords: 25 });
    expect(summary.words).toBeLessThanOrEqual(25);
    expect(summary.text).not.toMatch(/…/);
  });

  it("keeps whole sentences in reading order, the older report first", () => {
    const { sentences } = extractiveSummary(REPORTS, "en", flat, { ...MORE_SUMMARY, maxWords: 300, maxRedundancy: 1 });
    const order = sentences.map((sentence) => REPORTS.findIndex((report) => report.text.includes(sentence)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(sentences[0]).toBe(
      "The coast guard seized an oil tanker off the northern coast on Monday after a long chase at sea.",
    );
  });

  it("gives a tie to the newer report", () => {
    const same = "The bridge over the river was closed to traffic by the city council tonight.";
    const older = { title: "", text: same, publishedAt: at(1) };
    const newer = { title: "", text: same.replace("tonight", "today"), publishedAt: at(2) };
    const { sentences } = extractiveSummary([older, newer], "en", flat, {
      ...MORE_SUMMARY,
      maxWords: 16,
      cutLast: false,
    });
    expect(sentences).toEqual([newer.text]);
  });

  it("summarises nothing when there are no reports", () => {
    expect(extractiveSummary([], "es", flat)).toEqual({ text: "", sentences: [], words: 0 });
  });
});

describe("withoutDateline", () => {
  it("drops agency datelines and opening dates, never the news", () => {
    expect(withoutDateline("MANILA, Philippines (AP) _ Rains flooded the city.")).toBe("Rains flooded the city.");
    expect(withoutDateline("WASHINGTON _ The Senate voted.")).toBe("The Senate voted.");
    expect(withoutDateline("CARACAS, 5 dic (EFE).- El Gobierno anunció medidas.")).toBe("El Gobierno anunció medidas.");
    expect(withoutDateline("Saturday, January 8, 2005 Donations rose.")).toBe("Donations rose.");
    expect(withoutDateline("NASA launched a probe on Monday.")).toBe("NASA launched a probe on Monday.");
  });
});
