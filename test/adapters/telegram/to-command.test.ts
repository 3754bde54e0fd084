import { describe, expect, it } from "vitest";
import {
  callbackData,
  commandCallbackData,
  commandIn,
  isOurCommand,
  languageOf,
  parseCallbackData,
  questionFromMention,
} from "../../../src/adapters/telegram/to-command.js";

const command = (text: string) =>
  commandIn({ text, entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] });

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
    expect(
      commandIn({ text: "hola /actor", entities: [{ type: "bot_command", offset: 5, length: 6 }] }),
    ).toBeUndefined();
    expect(commandIn({ text: "/actor" })).toBeUndefined();
  });

  it("takes the bot's mention out of a question, wherever it is", () => {
    const mention = (text: string) => {
      const offset = text.indexOf("@");
      return { text, entities: [{ type: "mention", offset, length: /^@\w+/.exec(text.slice(offset))![0].length }] };
    };
    expect(questionFromMention(mention("@hilo_test_bot ¿quién ofrece asilo a Maduro?"), "hilo_test_bot")).toBe(
      "¿quién ofrece asilo a Maduro?",
    );
    expect(questionFromMention(mention("Oye @HILO_TEST_BOT ¿y Petro?"), "hilo_test_bot")).toBe("Oye ¿y Petro?");
    expect(questionFromMention(mention("@ana ¿viste esto?"), "hilo_test_bot")).toBeUndefined();
    expect(questionFromMention({ text: "@hilo_test_bot hola" }, "hilo_test_bot")).toBeUndefined();
  });

  it("reads back the buttons it wrote and nothing else", () => {
    expect(parseCallbackData(callbackData({ action: "sources", developmentId: 12 }))).toEqual({
      action: "sources",
      developmentId: 12,
    });
    expect(parseCallbackData("more:7")).toEqual({ action: "more", developmentId: 7 });
    for (const bad of [
      "src:",
      "src:abc",
      "drop:1",
      "src:1;rm",
      "src:-1",
      "more:12345678901234",
      `src:${"1".repeat(70)}`,
      "",
    ]) {
      expect(parseCallbackData(bad)).toBeUndefined();
    }
  });

  it("reads back the command of a choice's button, and writes none for a command over 64 bytes", () => {
    expect(commandCallbackData("/actor padrino")).toBe("cmd:actor padrino");
    expect(parseCallbackData("cmd:actor padrino")).toEqual({ action: "command", command: "/actor padrino" });
    expect(parseCallbackData(commandCallbackData("/timeline putin 30")!)).toEqual({
      action: "command",
      command: "/timeline putin 30",
    });
    // Bytes, not characters: 26 "ñ" fit (63 bytes with the prefix), 27 do not.
    expect(commandCallbackData(`/search ${"ñ".repeat(26)}`)).toBeDefined();
    expect(commandCallbackData(`/search ${"ñ".repeat(27)}`)).toBeUndefined();
    for (const command of ["actor petro", "/actor petro\n/subscribe 08:00", "/Actor petro", ""])
      expect(commandCallbackData(command)).toBeUndefined();
    for (const bad of [
      "cmd:",
      "cmd:Actor petro",
      "cmd:actor petro\n/lang en",
      "cmd:actor\tpetro",
      `cmd:search ${"a".repeat(60)}`,
      "cmd :actor",
    ]) {
      expect(parseCallbackData(bad)).toBeUndefined();
    }
  });
});
