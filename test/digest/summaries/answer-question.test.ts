import { describe, expect, it } from "vitest";
import { loadStoryPack } from "../../../src/digest/index.js";
import type { StoredArticle } from "../../../src/digest/store/article-store.js";
import { answerSentences } from "../../../src/digest/summaries/answer-question.js";
import { searchQuery } from "../../../src/digest/summaries/search-query.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";

const pack = loadStoryPack(STORY_DIR);
let counter = 0;

function report(lang: "es" | "en", title: string, text: string, extra: Partial<StoredArticle> = {}): StoredArticle {
  counter += 1;
  return {
    id: `a${counter}`,
    feedUrl: "https://x.example.org/rss",
    publisher: `Outlet ${counter}`,
    url: `https://x.example.org/${counter}`,
    title,
    text,
    lang,
    publishedAt: Date.parse("2025-12-10T12:00:00Z") + counter,
    developmentId: 1,
    copyOf: null,
    ...extra,
  };
}

const asked = (question: string) => searchQuery(question, pack);

describe("answerSentences", () => {
  it("takes whole sentences holding the question's words from the reports, never a cut one", () => {
    const articles = [
      report(
        "es",
        "Colombia y el asilo",
        "La cancillería colombiana no descarta dar asilo a Nicolás Maduro si deja el poder. El clima fue templado durante toda la semana en Bogotá.",
      ),
      report("es", "Otra nota", "Según fuentes oficiales, Colombia daría asilo a Maduro si lo pidiera formalmente…"),
    ];
    const sentences = answerSentences(asked("¿quién ofrece asilo a Maduro?"), [{ developmentId: 1, articles }], "es");
    expect(sentences.map((sentence) => sentence.text)).toEqual([
      "La cancillería colombiana no descarta dar asilo a Nicolás Maduro si deja el poder.",
    ]);
    expect(sentences[0]).toMatchObject({
      publisher: articles[0]!.publisher,
      url: articles[0]!.url,
      lang: "es",
      developmentId: 1,
    });
  });

  it("answers in the chat's language when a report in it answers, in the other only when none does", () => {
    const english = report(
      "en",
      "Asylum talk",
      "Colombia said it would not rule out asylum for Nicolás Maduro if he stepped down.",
    );
    const spanish = report(
      "es",
      "Asilo",
      "Colombia dijo que no descarta el asilo para Nicolás Maduro si renuncia al cargo.",
    );
    const both = answerSentences(asked("asilo Maduro"), [{ developmentId: 1, articles: [english, spanish] }], "es");
    expect(both.map((sentence) => sentence.lang)).toEqual(["es"]);
    const onlyEnglish = answerSentences(asked("asilo Maduro"), [{ developmentId: 1, articles: [english] }], "es");
    expect(onlyEnglish.map((sentence) => sentence.lang)).toEqual(["en"]);
  });

  it("gives each development's best sentence before a second of any, and never the same fact twice", () => {
    const first = report(
      "es",
      "Bielorrusia",
      "Lukashenko dijo que Maduro recibirá asilo en Bielorrusia cuando lo pida.",
    );
    const copy = report(
      "es",
      "Bielorrusia",
      "Lukashenko afirmó que Maduro recibirá asilo en Bielorrusia cuando lo pida.",
    );
    const other = report(
      "es",
      "Colombia",
      "Petro no descarta que Colombia dé asilo a Maduro en una transición pactada.",
    );
    const sentences = answerSentences(
      asked("asilo Maduro"),
      [
        { developmentId: 1, articles: [first, copy] },
        { developmentId: 2, articles: [other] },
      ],
      "es",
    );
    expect(sentences.map((sentence) => sentence.developmentId)).toEqual([1, 2]);
  });

  it("reads a sentence under its report's title, but needs one of the question's words in the sentence itself", () => {
    const article = report(
      "es",
      "Lukashenko: Maduro siempre será bienvenido",
      "Sus palabras alimentan las especulaciones sobre un posible asilo. Nadie en Minsk quiso dar más detalles del encuentro.",
    );
    const sentences = answerSentences(asked("asilo Maduro"), [{ developmentId: 1, articles: [article] }], "es");
    expect(sentences.map((sentence) => sentence.text)).toEqual([
      "Sus palabras alimentan las especulaciones sobre un posible asilo.",
    ]);
  });

  it("answers nothing from syndicated copies, and nothing when no sentence holds enough of the question", () => {
    const copy = report("es", "Asilo", "Colombia no descarta el asilo para Nicolás Maduro si renuncia al cargo.", {
      copyOf: "a1",
    });
    expect(answerSentences(asked("asilo Maduro"), [{ developmentId: 1, articles: [copy] }], "es")).toEqual([]);
    const unrelated = report(
      "es",
      "Clima",
      "Las lluvias afectaron a Maduro durante la visita a la costa oriental del país.",
    );
    expect(answerSentences(asked("asilo Maduro"), [{ developmentId: 1, articles: [unrelated] }], "es")).toEqual([]);
  });
});
