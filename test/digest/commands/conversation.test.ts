import { beforeAll, describe, expect, it } from "vitest";
import type { Hilo, Reply } from "../../../src/digest/index.js";
import { demoHilo } from "../../helpers/demo-hilo.js";

let hilo: Hilo;
beforeAll(async () => {
  hilo = await demoHilo();
});

const group = { platform: "test", chatId: "group-1" };

describe("talking with the bot", () => {
  it("welcomes a new user with the story so far, the most reported developments in order", () => {
    const reply = hilo.answer("/start", { platform: "test", chatId: "new-user" }, "es")!;
    expect(reply.kind).toBe("developments");
    if (reply.kind !== "developments") return;
    expect(reply.intro).toMatch(/^Hola\. Soy Hilo/);
    expect(reply.title).toBe("La historia hasta ahora");
    expect(reply.lines).toHaveLength(5);
    // In the order they happened, each with its outlets linked.
    const ids = reply.lines.map((line) => line.developmentId);
    const firstSeen = ids.map((id) => hilo.pipeline.developments.get(id)!.firstSeen);
    expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
    expect(reply.lines.every((line) => line.links.length > 0)).toBe(true);
  });

  it("answers a question asked in a group with sentences of the reports, each with its outlet, date and link", () => {
    const reply = hilo.ask("¿quién ofrece asilo a Maduro?", group, "es");
    expect(reply.kind).toBe("answer");
    if (reply.kind !== "answer") return;
    const { sentences } = reply.answer;
    expect(sentences.length).toBeGreaterThanOrEqual(2);
    expect(sentences.length).toBeLessThanOrEqual(3);
    // Both governments that offered or did not rule out refuge, each from its own report.
    const told = sentences.map((sentence) => sentence.text).join("\n");
    expect(told).toMatch(/Bielorrusia/);
    expect(told).toMatch(/colombian/i);
    for (const sentence of sentences) {
      expect(sentence.text).toMatch(/[.!»"”]$/);
      expect(sentence.text).not.toContain("…");
      expect(sentence.publisher).not.toBe("");
      expect(sentence.date).toMatch(/^\d{1,2} \p{L}+/u);
      expect(sentence.url).toMatch(/^https:\/\//);
      expect(sentence.languageTag).toBeUndefined();
    }
    expect(new Set(sentences.map((sentence) => sentence.url)).size).toBe(sentences.length);
  });

  it("answers the same question in an English chat from the English reports", () => {
    const reply = hilo.ask("who is offering Maduro asylum?", { platform: "test", chatId: "english-group" }, "en");
    expect(reply.kind === "answer" && reply.answer.title).toBe("This is what the reports say:");
    if (reply.kind !== "answer") return;
    expect(reply.answer.sentences.map((sentence) => sentence.text).join(" ")).toMatch(/Belarus/);
    expect(reply.answer.sentences.every((sentence) => /\b(the|and|to)\b/i.test(sentence.text))).toBe(true);
  });

  it("says it does not know yet when nothing answers, with the developments nearest to the question", () => {
    const reply = hilo.ask("¿cuántos barcos hay en el Caribe?", group, "es");
    expect(reply.kind).toBe("answer");
    if (reply.kind !== "answer") return;
    expect(reply.answer.title).toMatch(/^Todavía no lo sé/);
    expect(reply.answer.sentences).toEqual([]);
    expect(reply.answer.nearestTitle).toBe("Lo más cercano que tengo:");
    expect(reply.answer.nearest.length).toBeGreaterThan(0);
    expect(reply.answer.nearest.map((line) => line.headline).join(" ")).toMatch(/Caribe/);
  });

  it("says it does not know, politely and without suggestions, for a question in another language or off the story", () => {
    for (const question of ["quelle heure est-il ?", "¿qué tiempo hará en Marte?"]) {
      const reply = hilo.ask(question, group, "es");
      expect(reply).toEqual({
        kind: "answer",
        answer: expect.objectContaining({ title: expect.stringMatching(/^Todavía no lo sé/), sentences: [] }),
      });
    }
  });

  it("introduces itself to a group once, even when asked twice", () => {
    const address = { platform: "test", chatId: "group-2" };
    expect(hilo.markIntroduced(address, "en")).toBe(true);
    expect(hilo.markIntroduced(address, "en")).toBe(false);
    const intro = hilo.introduction("en");
    expect(intro.kind === "developments" && intro.intro).toMatch(/^Hello everyone/);
  });

  it("lists every outlet of a development and tells it in full, and says when one is gone", () => {
    const [first] =
      hilo.answer("/latest", { platform: "test", chatId: "x" }, "es")!.kind === "developments"
        ? (hilo.answer("/latest", { platform: "test", chatId: "x" }, "es") as Extract<Reply, { kind: "developments" }>)
            .lines
        : [];
    const sources = hilo.developmentSources(first!.developmentId, "en");
    // Each report as data: its date, outlet, title and link, for the adapter to show as a link it can check.
    expect(sources.kind === "reports" && sources.reports.title).toMatch(/^Sources · /);
    const reports = sources.kind === "reports" ? sources.reports.reports : [];
    expect(reports.length).toBeGreaterThan(1);
    expect(
      reports.every(
        (report) => /^https:\/\//.test(report.url ?? "") && report.publisher !== "" && /\d/.test(report.date),
      ),
    ).toBe(true);
    expect(new Set(reports.map((report) => report.publisher)).size).toBe(reports.length);
    const more = hilo.developmentMore(first!.developmentId, "es");
    expect(more.kind === "reports" && more.reports.title).toMatch(/^Más sobre · /);
    expect(more.kind === "reports" && more.reports.reports.length).toBeGreaterThan(1);
    // "More" tells it at length: a summary of several sentences of the reports, about 100 words, in the chat's language.
    const told = more.kind === "reports" ? (more.reports.summary ?? "") : "";
    expect(told.split(/\s+/).length).toBeGreaterThan(60);
    expect(told.split(/\s+/).length).toBeLessThanOrEqual(101);
    expect(told).toMatch(/ el | la | de /);
    const inEnglish = hilo.developmentMore(first!.developmentId, "en");
    expect(inEnglish.kind === "reports" && inEnglish.reports.summary).toMatch(/ the | of /);
    expect(hilo.developmentSources(99_999, "es")).toEqual({
      kind: "error",
      text: expect.stringMatching(/ya no está disponible/),
    });
  });

  it("offers actors for a typed prefix in the chat's language, accents and case ignored, and each choice resolves", () => {
    const choices = hilo.actorChoices("LUKA", "es", 25);
    expect(choices[0]).toEqual({ label: "Alexandr Lukashenko", value: "Alexandr Lukashenko" });
    expect(hilo.actorChoices("nicolás", "en", 25).map((c) => c.value)).toContain("Nicolás Maduro");
    expect(hilo.actorChoices("", "es", 3)).toHaveLength(3);
    expect(hilo.actorChoices("zzzz", "es", 25)).toEqual([]);
    for (const choice of hilo.actorChoices("pe", "es", 25)) {
      const reply = hilo.answer(`/actor ${choice.value}`, { platform: "test", chatId: "autocomplete" }, "es")!;
      expect(reply.kind).toBe("actor");
    }
  });
});
