import { describe, expect, it } from "vitest";
import { inQuietHours, isAlertWorthy } from "../../../src/digest/alerts/alert-policy.js";
import { developmentFacts, hasNewFacts, newFacts } from "../../../src/digest/alerts/development-facts.js";
import type { Development } from "../../../src/digest/model.js";
import type { StoredArticle } from "../../../src/digest/store/article-store.js";

const policy = { minPublishers: 2, requireTrackedTerm: true };

function development(publishers: string[], actorIds: string[] = ["maduro"], conceptIds: string[] = []): Development {
  return {
    id: 1,
    headline: {},
    summary: {},
    actorIds,
    conceptIds,
    publishers,
    articleCount: publishers.length,
    firstSeen: 0,
    lastSeen: 0,
    relevance: 1,
  };
}

function article(title: string, text = "", copyOf: string | null = null): StoredArticle {
  return {
    id: title,
    feedUrl: "f",
    publisher: "p",
    url: null,
    title,
    text,
    lang: "es",
    publishedAt: 0,
    developmentId: 1,
    copyOf,
  };
}

describe("the alert policy", () => {
  it("alerts when two independent outlets report a development with a tracked actor", () => {
    expect(isAlertWorthy(development(["A", "B"]), policy, new Set())).toBe(true);
  });

  it("waits while only one ordinary outlet reports it", () => {
    expect(isAlertWorthy(development(["A"]), policy, new Set())).toBe(false);
  });

  it("alerts on a single trusted outlet", () => {
    expect(isAlertWorthy(development(["BBC Mundo"]), policy, new Set(["BBC Mundo"]))).toBe(true);
  });

  it("ignores developments with neither a tracked actor nor a glossary concept", () => {
    expect(isAlertWorthy(development(["A", "B"], []), policy, new Set())).toBe(false);
    expect(isAlertWorthy(development(["A", "B"], [], ["asylum"]), policy, new Set())).toBe(true);
  });

  it("knows quiet hours, also when they wrap past midnight", () => {
    expect(inQuietHours(23 * 60 + 30, "23:00", "07:00")).toBe(true);
    expect(inQuietHours(6 * 60 + 59, "23:00", "07:00")).toBe(true);
    expect(inQuietHours(7 * 60, "23:00", "07:00")).toBe(false);
    expect(inQuietHours(13 * 60, "12:00", "14:00")).toBe(true);
    expect(inQuietHours(13 * 60, undefined, undefined)).toBe(false);
  });
});

describe("new facts of an alerted development", () => {
  // Who a headline names, as the scheduler's matcher reads it.
  const named = (article: StoredArticle) =>
    ["Trump", "Maduro"].filter((name) => article.title.includes(name)).map((name) => name.toLowerCase());

  it("sees a new actor in a headline, a new number and a denial, and nothing in a plain rewrite", () => {
    const first = developmentFacts([article("Trump: EE UU ataca una lancha, 11 muertos")], named);
    expect(first).toEqual({ actors: ["trump"], numbers: ["11"], denial: false });
    const rewrite = developmentFacts(
      [
        article("Trump: EE UU ataca una lancha, 11 muertos"),
        article("Once muertos en el ataque a una lancha, 11 según EE UU"),
      ],
      named,
    );
    expect(hasNewFacts(newFacts(first, rewrite))).toBe(false);
    const later = developmentFacts(
      [
        article("Trump: EE UU ataca una lancha, 11 muertos"),
        article("Maduro niega que la lancha llevara droga; eran 14"),
      ],
      named,
    );
    expect(newFacts(first, later)).toEqual({ actors: ["maduro"], numbers: ["14"], denial: true });
  });

  it("does not count an actor named only deep in a text as a new fact: only a headline gives someone a main role", () => {
    const facts = developmentFacts(
      [article("EE UU ataca una lancha", "Maduro lo condenó al final de la tarde.")],
      named,
    );
    expect(facts.actors).toEqual([]);
  });

  it("does not count years as news, nor a syndicated copy's words", () => {
    const facts = developmentFacts(
      [article("Balance de 2025"), article("El gobierno desmiente todo, 99", "", "orig")],
      () => [],
    );
    expect(facts).toEqual({ actors: [], numbers: [], denial: false });
  });
});
