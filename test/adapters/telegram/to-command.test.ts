import { describe, expect, it } from "vitest";
import {
  callbackData,
  commandIn,
  isOurCommand,
  languageOf,
  parseCallbackData,
  questionFromMention,
} from "../../../src/adapters/telegram/to-command.js";

const command = (text: string) => commandIn({ text, entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] });

describe("reading Telegram updates", () => {
  it("answers in Spanish whoever uses Telegram in any Spanish, and in English everyone else", () => {
    expect(["es", "es-419", "ES-mx"].map(languageOf)).toEqual(["es", "es", "es"]);
    expect(["en", "pt-BR", "fr", undefined].map(languageOf)).toEqual(["en", "en", "en", "en"]);
  });

  it("takes a group command as ours when it names us or is one of our commands", () => {
    expect(isOurCommand(command("/actor@Hilo_Test_Bot petro")!, "hilo_test_bot")).toBe(true);
    expect(isOurCommand(command("/actor petro")!, "hilo_test_bot")).toBe(true);
    expect(isOurCommand(command("/actor@other_bot petro")!, "hilo_test_bot")).toBe(false);
    expect(isOurCommand(command("/weather")!, "hilo_test_bot")).toBe(false);
  });

  it("sees a command only at the start of a message", () => {
    expect(commandIn({ text: "hola /actor", entities: [{ type: "bot_command", offset: 5, length: 6 }] })).toBeUndefined();
    expect(commandIn({ text: "/actor" })).toBeUndefined();
  });

  it("takes the bot's mention out of a question, wherever it is", () => {
    const mention = (text: string) => {
      const offset = text.indexOf("@");
      return { text, entities: [{ type: "mention", offset, length: /^@\w+/.exec(text.slice(offset))![0].length }] };
    };
    expect(questionFromMention(mention("@hilo_test_bot ¿quién ofrece asilo a Maduro?"), "hilo_test_bot")).toBe("¿quién ofrece asilo a Maduro?");
    expect(questionFromMention(mention("Oye @HILO_TEST_BOT ¿y Petro?"), "hilo_test_bot")).toBe("Oye ¿y Petro?");
    expect(questionFromMention(mention("@ana ¿viste esto?"), "hilo_test_bot")).toBeUndefined();
    expect(questionFromMention({ text: "@hilo_test_bot hola" }, "hilo_test_bot")).toBeUndefined();
  });

  it("reads back the buttons it wrote and nothing else", () => {
    expect(parseCallbackData(callbackData({ action: "sources", developmentId: 12 }))).toEqual({ action: "sources", developmentId: 12 });
    expect(parseCallbackData("more:7")).toEqual({ action: "more", developmentId: 7 });
    for (const bad of ["src:", "src:abc", "drop:1", "src:1;rm", "src:-1", "more:12345678901234", `src:${"1".repeat(70)}`, ""]) {
      expect(parseCallbackData(bad)).toBeUndefined();
    }
  });
});
