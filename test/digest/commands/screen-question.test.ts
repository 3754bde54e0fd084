import { beforeAll, describe, expect, it } from "vitest";
import { MAX_QUESTION_CHARS, screenQuestion } from "../../../src/digest/commands/screen-question.js";
import { en } from "../../../src/digest/i18n/en.js";
import { es } from "../../../src/digest/i18n/es.js";
import type { Hilo, Lang } from "../../../src/digest/index.js";
import { demoHilo } from "../../helpers/demo-hilo.js";

const QUESTION = "¿quién ofrece asilo a Maduro?";
const TOO_LONG = "a".repeat(MAX_QUESTION_CHARS + 1);

describe("questions that cannot be searched", () => {
  it.each([
    ["empty", "", es.questionEmpty],
    ["blank", "  \n\t ", es.questionEmpty],
    ["only punctuation", "?!…", es.questionEmpty],
    ["only emoji", "🤔🙏 👀", es.questionEmpty],
    ["4,001 characters", TOO_LONG, es.questionTooLong],
  ])("answers a question that is %s with a short polite reply", (_, question, text) => {
    expect(screenQuestion(question, "es")).toEqual({ kind: "error", text });
  });

  it("says it in the chat's language", () => {
    expect(screenQuestion("?", "en")).toEqual({ kind: "error", text: en.questionEmpty });
    expect(screenQuestion(TOO_LONG, "en")).toEqual({ kind: "error", text: en.questionTooLong });
  });

  it("lets a real question through, up to 4,000 characters, and one in spaces around them", () => {
    expect(screenQuestion(QUESTION, "es")).toBeUndefined();
    expect(screenQuestion("¿2025?", "es")).toBeUndefined();
    expect(screenQuestion("a".repeat(MAX_QUESTION_CHARS), "es")).toBeUndefined();
    expect(screenQuestion(` ${"a".repeat(MAX_QUESTION_CHARS)} \n`, "es")).toBeUndefined();
  });

  it("gives /ask without a question an example with the command", () => {
    expect(screenQuestion("", "es", "command")).toEqual({
      kind: "error",
      text: "¿Qué quieres saber? Ejemplo: /ask ¿quién ofrece asilo a Maduro?",
    });
    expect(screenQuestion("", "en", "command")).toEqual({
      kind: "error",
      text: expect.stringContaining("Example: /ask "),
    });
  });
});

describe("asking the bot, by /ask or in one's own words", () => {
  let hilo: Hilo;
  let searches: string[];
  beforeAll(async () => {
    hilo = await demoHilo();
    // Records the searches the store runs, so a refused question is seen to run none.
    const store = hilo.pipeline.search;
    const search = store.search.bind(store);
    store.search = (units, limit, minMatched) => {
      searches.push(JSON.stringify(units));
      return search(units, limit, minMatched);
    };
  });
  const chat = (lang: Lang) => ({ platform: "test", chatId: `ask-${lang}` });
  const run = (line: string, lang: Lang = "es") => hilo.answer(line, chat(lang), lang)!;

  it("answers /ask without a question with what to write and an example, in the chat's language", () => {
    searches = [];
    expect(run("/ask")).toEqual({ kind: "error", text: es.askMissing });
    expect(run("/ask   ", "en")).toEqual({ kind: "error", text: en.askMissing });
    expect(run("/ask ¿?!")).toEqual({ kind: "error", text: es.askMissing });
    expect(searches).toEqual([]);
  });

  it("answers /ask QUESTION exactly as the same question asked in a conversation", () => {
    searches = [];
    const byCommand = run(`/ask ${QUESTION}`);
    const asQuestion = hilo.ask(QUESTION, chat("es"), "es", "private");
    expect(byCommand.kind).toBe(asQuestion.kind);
    expect(byCommand).toEqual(asQuestion);
    expect(JSON.stringify(byCommand)).toMatch(/Bielorrusia/);
    // Both ran the same search, the same number of times.
    expect(searches.length).toBeGreaterThan(0);
    expect(searches.length % 2).toBe(0);
    expect(searches.slice(searches.length / 2)).toEqual(searches.slice(0, searches.length / 2));
  });

  it("answers an empty, punctuation-only or too long question politely, before any search", () => {
    searches = [];
    expect(hilo.ask("", chat("es"), "es")).toEqual({ kind: "error", text: es.questionEmpty });
    expect(hilo.ask("?!…", chat("es"), "es")).toEqual({ kind: "error", text: es.questionEmpty });
    expect(hilo.ask(TOO_LONG, chat("en"), "en")).toEqual({ kind: "error", text: en.questionTooLong });
    expect(run(`/ask ${TOO_LONG}`)).toEqual({ kind: "error", text: es.questionTooLong });
    expect(searches).toEqual([]);
  });
});
