import type { InlineKeyboardButton } from "grammy/types";
import { describe, expect, it } from "vitest";
import { renderReply, type TelegramMessage } from "../../../src/adapters/telegram/render.js";
import { type DevelopmentButton, parseCallbackData } from "../../../src/adapters/telegram/to-command.js";
import { alertReply, digestReply as digest, digestItem as item } from "../../helpers/sample-views.js";
import { parseTelegramHtml } from "../../helpers/telegram-html.js";

const dataOf = (button: InlineKeyboardButton) => ("callback_data" in button ? button.callback_data : "");

/** What Telegram would make of a message: its visible text and entities, and a problem if it would refuse it. */
function telegramView(message: TelegramMessage) {
  return parseTelegramHtml(message.text);
}

function expectWithinLimits(messages: TelegramMessage[]): void {
  for (const message of messages) {
    const view = telegramView(message);
    expect(view.problem).toBeUndefined();
    expect(view.visible.length).toBeLessThanOrEqual(4096);
    expect(view.entities).toBeLessThanOrEqual(100);
  }
}

describe("rendering for Telegram", () => {
  it("shows feed text with <b>, <script>, & and quotes as text, never as markup", () => {
    const [message] = renderReply(
      digest([
        item(1, {
          headline: `<b>Última hora</b> & <script>alert("x")</script>`,
          summary: "5 < 7 y 9 > 3",
          links: [
            { publisher: `Diario "<i>Caribe</i>"`, title: "t", url: `https://caribe.example.org/a?b=1&c="><script>` },
          ],
        }),
      ]),
      "es",
    );
    const view = telegramView(message!);
    expect(view.problem).toBeUndefined();
    expect(view.visible).toContain(`<b>Última hora</b> & <script>alert("x")</script>`);
    expect(view.visible).toContain(`Diario "<i>Caribe</i>"`);
    expect(message!.text).not.toMatch(/<script|<b>Última/);
    expect(message!.text).toContain(`href="https://caribe.example.org/a?b=1&amp;c=%22%3E%3Cscript%3E"`);
  });

  it("links outlets only over http and https, and names the others without a link", () => {
    const links = [
      "javascript:alert(1)",
      "data:text/html,hi",
      "ftp://files.example.org/x",
      "tg://resolve?domain=x",
      "not a url",
    ].map((url, i) => ({
      publisher: `Medio ${i}`,
      title: "t",
      url,
    }));
    const [message] = renderReply(
      digest([item(1, { links: [...links, { publisher: "Bueno", title: "t", url: "http://ok.example.org/" }] })]),
      "es",
    );
    expect(message!.text.match(/href="([^"]*)"/g)).toEqual(['href="http://ok.example.org/"']);
    for (let i = 0; i < links.length; i += 1) expect(telegramView(message!).visible).toContain(`Medio ${i}`);
  });

  it("splits a long digest between items, every message within 4096 characters and 100 entities", () => {
    const items = Array.from({ length: 30 }, (_, i) =>
      item(i + 1, { summary: `Resumen ${i + 1}: ${"palabra ".repeat(60)}` }),
    );
    const messages = renderReply(digest(items, "… y 4 desarrollos más"), "es");
    expect(messages.length).toBeGreaterThan(1);
    expectWithinLimits(messages);
    const visible = messages.map((m) => telegramView(m).visible);
    for (const n of items.map((_, i) => i + 1)) {
      // Each item whole in exactly one message: its headline and its summary together.
      const holders = visible.filter((text) => new RegExp(`^${n}\\. .+ Titular ${n}$`, "m").test(text));
      expect(holders).toHaveLength(1);
      expect(holders[0]).toContain(`Resumen ${n}: `);
    }
    // The buttons of each message are those of its own items.
    messages.forEach((message, i) => {
      const numbers = [...visible[i]!.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
      const ids = message.options.reply_markup!.inline_keyboard.map(
        (row) => (parseCallbackData(dataOf(row[0]!)) as DevelopmentButton).developmentId,
      );
      expect(ids).toEqual(numbers);
    });
    expect(visible.at(-1)).toMatch(/… y 4 desarrollos más$/);
  });

  it("counts length in UTF-16 units as Telegram does, so astral characters split sooner", () => {
    // 1,500 code points of 𝐀 are 3,000 UTF-16 units: two such items cannot share a message.
    const items = [item(1, { summary: "𝐀".repeat(1500) }), item(2, { summary: "𝐀".repeat(1500) })];
    const messages = renderReply(digest(items), "es");
    expect(messages).toHaveLength(2);
    expectWithinLimits(messages);
  });

  it("splits on the entity limit when the text is still short", () => {
    const links = [1, 2, 3].map((k) => ({ publisher: `M${k}`, title: "t", url: `https://m${k}.example.org/` }));
    const messages = renderReply(digest(Array.from({ length: 40 }, (_, i) => item(i + 1, { links }))), "es");
    expect(messages.length).toBeGreaterThan(2);
    expect(Math.max(...messages.map((m) => telegramView(m).visible.length))).toBeLessThan(4096 / 2);
    expectWithinLimits(messages);
  });

  it("cuts an item too long for any message with an ellipsis, without splitting a character", () => {
    const messages = renderReply(
      digest([item(1, { summary: `${"a".repeat(4090)}😀😀😀${"b".repeat(6000)}` }), item(2)]),
      "es",
    );
    expectWithinLimits(messages);
    const cut = messages.map((m) => telegramView(m).visible).find((text) => text.includes("Titular 1"))!;
    expect(cut).toMatch(/…$/);
    expect(cut).not.toMatch(/[\uD800-\uDBFF]…$/);
    expect(messages.map((m) => telegramView(m).visible).join("\n")).toContain("Titular 2");
  });

  it("puts Sources and More buttons under each digest item, in the chat's language", () => {
    const es = renderReply(digest([item(7), item(9)]), "es")[0]!;
    const en = renderReply(digest([item(7), item(9)]), "en")[0]!;
    const labels = (message: TelegramMessage) =>
      message.options.reply_markup!.inline_keyboard.map((row) => row.map((button) => button.text));
    expect(labels(es)).toEqual([
      ["📰 Fuentes 1", "➕ Más 1"],
      ["📰 Fuentes 2", "➕ Más 2"],
    ]);
    expect(labels(en)).toEqual([
      ["📰 Sources 1", "➕ More 1"],
      ["📰 Sources 2", "➕ More 2"],
    ]);
    const data = es.options.reply_markup!.inline_keyboard.flat().map((button) => parseCallbackData(dataOf(button)));
    expect(data).toEqual([
      { action: "sources", developmentId: 7 },
      { action: "more", developmentId: 7 },
      { action: "sources", developmentId: 9 },
      { action: "more", developmentId: 9 },
    ]);
  });

  it("turns link previews off for digests, whose first link would stand for all outlets", () => {
    expect(renderReply(digest([item(1)]), "es")[0]!.options).toMatchObject({
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
    });
  });

  it("starts an alert with ⚡ and gives the headline, the summary and the outlets", () => {
    const [message] = renderReply(alertReply(), "es");
    const view = telegramView(message!);
    expect(view.problem).toBeUndefined();
    expect(view.visible.split("\n")).toEqual([
      "⚡ Alerta",
      "Putin llama a Maduro",
      "El Kremlin confirmó la llamada.",
      "3 medios · Putin, Maduro",
      "🔗 Radio Frontera",
    ]);
    expect(message!.text).toContain("<b>Putin llama a Maduro</b>");
  });

  it("keeps a text reply's blank lines and splits a long one between its lines", () => {
    const lines = [
      "Hola.",
      "",
      "La historia hasta ahora:",
      ...Array.from({ length: 60 }, (_, i) => `· ${i} ${"x".repeat(100)}`),
    ];
    const messages = renderReply({ kind: "text", title: "Bienvenida", lines }, "es");
    expect(messages.length).toBeGreaterThan(1);
    expectWithinLimits(messages);
    expect(telegramView(messages[0]!).visible).toMatch(/^Bienvenida\nHola\.\n\nLa historia hasta ahora:\n· 0 /);
    expect(telegramView(messages[1]!).visible).toMatch(/^· \d+ x+/);
  });

  it("asks a question back with one button per choice, one to a row, each running its command", () => {
    const [message, ...more] = renderReply(
      {
        kind: "choices",
        question: "«noboa» puede ser más de un actor. ¿Cuál?",
        choices: [
          { label: "Daniel Noboa — Presidente de Ecuador", command: "/actor daniel-noboa" },
          { label: "Álvaro Noboa — Empresario", command: "/actor alvaro-noboa" },
        ],
      },
      "es",
    );
    expect(more).toEqual([]);
    expect(telegramView(message!).visible).toBe("«noboa» puede ser más de un actor. ¿Cuál?");
    const keyboard = message!.options.reply_markup!.inline_keyboard;
    expect(keyboard.map((row) => row.map((button) => button.text))).toEqual([
      ["Daniel Noboa — Presidente de Ecuador"],
      ["Álvaro Noboa — Empresario"],
    ]);
    expect(keyboard.map((row) => parseCallbackData(dataOf(row[0]!)))).toEqual([
      { action: "command", command: "/actor daniel-noboa" },
      { action: "command", command: "/actor alvaro-noboa" },
    ]);
  });

  it("leaves out the button of a command too long for Telegram's 64 bytes and says what to type instead", () => {
    const long = `/search ${"ñandú ".repeat(12).trim()}`;
    const [message] = renderReply(
      {
        kind: "choices",
        question: "¿Cuál?",
        choices: [
          { label: "Corto", command: "/actor petro" },
          { label: "Largo", command: long },
        ],
      },
      "es",
    );
    const keyboard = message!.options.reply_markup!.inline_keyboard;
    expect(keyboard.map((row) => row.map((button) => button.text))).toEqual([["Corto"]]);
    expect(telegramView(message!).visible).toBe(`¿Cuál?\n· Largo: ${long}`);
    for (const button of keyboard.flat()) expect(Buffer.byteLength(dataOf(button))).toBeLessThanOrEqual(64);
  });

  it("shows a choice's <b>, & and quotes as text, escaped in the message and as they are on the button", () => {
    const label = `<b>Noboa</b> & "hijo" <script>`;
    const [message] = renderReply(
      {
        kind: "choices",
        question: "¿<i>Cuál</i>?",
        choices: [
          { label, command: "/actor noboa" },
          { label, command: `/search ${"x".repeat(80)}` },
        ],
      },
      "es",
    );
    const view = telegramView(message!);
    expect(view.problem).toBeUndefined();
    expect(view.visible).toBe(`¿<i>Cuál</i>?\n· ${label}: /search ${"x".repeat(80)}`);
    expect(message!.text).not.toMatch(/<b>|<script|<i>/);
    // Telegram shows button texts as plain text: an escape would show as "&amp;".
    expect(message!.options.reply_markup!.inline_keyboard[0]![0]!.text).toBe(label);
  });
});
