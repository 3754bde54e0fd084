import { beforeAll, describe, expect, it } from "vitest";
import { DISCORD_LIMITS, type DiscordMessage, renderReply, threadName } from "../../../src/adapters/discord/render.js";
import { commandOfCustomId } from "../../../src/adapters/discord/to-command.js";
import type { DevelopmentLine, Hilo, Lang, Reply } from "../../../src/digest/index.js";
import { demoHilo } from "../../helpers/demo-hilo.js";
import { alertReply as alert, digestReply as digest, digestItem as item } from "../../helpers/sample-views.js";

const ZWSP = "\u200B";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function line(n: number, over: Partial<DevelopmentLine> = {}): DevelopmentLine {
  return {
    developmentId: n,
    status: "growing",
    statusLabel: "en curso",
    date: `${n} dic`,
    headline: `Desarrollo ${n} ${"con bastante texto ".repeat(5)}`,
    publishersLabel: "4 medios",
    offStory: undefined,
    links: [1, 2, 3].map((k) => ({ publisher: `Medio ${k}`, title: "t", url: `https://m${k}.example.org/${n}` })),
    ...over,
  };
}

/** What a reader sees of escaped markdown: backslash escapes resolved, zero-width spaces invisible. */
function shownAs(markdown: string): string {
  return markdown.replace(/\\([^\p{L}\p{N}\s])/gu, "$1").replaceAll(ZWSP, "");
}

/** Every text of a message, for checks that apply to all of them. */
function textsOf(message: DiscordMessage): string[] {
  return [
    message.content ?? "",
    ...message.embeds.flatMap((embed) => [
      embed.title ?? "",
      embed.description ?? "",
      embed.footer?.text ?? "",
      embed.author?.name ?? "",
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
    ]),
  ];
}

/** Fails unless Discord would accept the message: every limit, no empty text, no half characters, no pings. */
function checkDiscordLimits(message: DiscordMessage): void {
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect(message.content !== undefined || message.embeds.length > 0).toBe(true);
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  expect(message.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
  let total = 0;
  for (const embed of message.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.footer);
    expect(embed.author?.name.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.author);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
    if (embed.url !== undefined) expect(embed.url).toMatch(/^https?:\/\//);
    // Discord refuses an embed with nothing in it, and empty strings where it expects text.
    expect(embed.title || embed.description || embed.fields?.length).toBeTruthy();
    for (const text of [embed.title, embed.description, embed.footer?.text, embed.author?.name])
      if (text !== undefined) expect(text).not.toBe("");
    total +=
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.author?.name.length ?? 0) +
      (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  }
  expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.totalPerMessage);
  for (const text of textsOf(message)) expect(text).not.toMatch(LONE_SURROGATE);
  // Buttons: at most 5 rows of 1 to 5, labels of 1 to 80 characters, custom ids of 1 to 100 and each its own.
  const rows = message.components ?? [];
  expect(rows.length).toBeLessThanOrEqual(5);
  const ids = new Set<string>();
  for (const row of rows) {
    expect(row.components.length).toBeGreaterThanOrEqual(1);
    expect(row.components.length).toBeLessThanOrEqual(5);
    for (const button of row.components) {
      expect([...(button.label ?? "")].length).toBeGreaterThanOrEqual(1);
      expect([...(button.label ?? "")].length).toBeLessThanOrEqual(80);
      expect(button.custom_id.length).toBeGreaterThanOrEqual(1);
      expect(button.custom_id.length).toBeLessThanOrEqual(100);
      expect(ids.has(button.custom_id)).toBe(false);
      ids.add(button.custom_id);
    }
  }
}

function render(reply: Reply, lang: Lang = "es"): DiscordMessage[] {
  const messages = renderReply(reply, lang);
  messages.forEach(checkDiscordLimits);
  return messages;
}

const HOSTILE = "@everyone <@123> <@&45> <#67> **bold** [x](javascript:alert(1)) `code` > quote @here";
const HOSTILE_ESCAPED = `@${ZWSP}everyone \\<@123\\> \\<@&45\\> \\<#67\\> \\*\\*bold\\*\\* \\[x\\](javascript:alert(1)) \\\`code\\\` \\> quote @${ZWSP}here`;

describe("rendering for Discord", () => {
  it("shows mentions, markdown and a fake link in a feed headline literally, and pings no one", () => {
    const [message, ...rest] = render(
      digest([
        item(1, {
          headline: HOSTILE,
          summary: `> ${HOSTILE}`,
          links: [{ publisher: "*Diario* [Caribe] @everyone", title: "t", url: "https://caribe.example.org/1" }],
        }),
      ]),
    );
    expect(rest).toEqual([]);
    const [embed] = message!.embeds;
    expect(embed!.title).toBe(`1. 🆕 ${HOSTILE_ESCAPED}`);
    expect(shownAs(embed!.title!)).toBe(`1. 🆕 ${HOSTILE}`);
    expect(embed!.description!.split("\n")[0]).toBe(`\\> ${HOSTILE_ESCAPED}`);
    expect(embed!.description).toContain(
      `🔗 [\\*Diario\\* \\[Caribe\\] @${ZWSP}everyone](https://caribe.example.org/1)`,
    );
    // The raw text never holds a mention Discord (or a later hop) could still resolve.
    for (const text of textsOf(message!)) expect(text).not.toMatch(/@everyone|@here|<@&?\d+>|<#\d+>/);
    expect(message!.allowed_mentions).toEqual({ parse: [] });
  });

  it("escapes the markers of headings, lists and subtext at the start of a line", () => {
    const [message] = render(
      digest([item(1, { summary: "# Titular\n- punto\n+ otro\n1. uno\n-# pequeño\ntexto - normal" })]),
    );
    expect(message!.embeds[0]!.description!.split("\n").slice(0, 6)).toEqual([
      "\\# Titular",
      "\\- punto",
      "\\+ otro",
      "1\\. uno",
      "\\-# pequeño",
      "texto - normal",
    ]);
  });

  it("keeps a headline and an outlet's name on one line, and a summary's own line breaks", () => {
    const [message] = render(
      digest([
        item(1, {
          headline: "Línea uno\n  línea dos",
          summary: "Primero.\nSegundo.",
          links: [{ publisher: "El\nPaís", title: "t", url: "https://elpais.example.org/1" }],
        }),
      ]),
    );
    const [embed] = message!.embeds;
    expect(embed!.title).toBe("1. 🆕 Línea uno línea dos");
    expect(embed!.description).toBe("Primero.\nSegundo.\n🔗 [El País](https://elpais.example.org/1)");
  });

  it("keeps footers and author names unescaped, since Discord shows them as plain text, but defuses mentions there too", () => {
    const [message] = render(
      alert({ label: "⚡ Alerta *urgente*", publishersLabel: "3 medios", actors: ["@everyone", "<@123>", "A_B"] }),
    );
    const [embed] = message!.embeds;
    expect(embed!.author!.name).toBe("⚡ Alerta *urgente*");
    expect(embed!.footer!.text).toBe(`3 medios · @${ZWSP}everyone, <${ZWSP}@123>, A_B`);
  });

  it("links outlets only over http and https, encoding what would break the link, and names the others", () => {
    const bad = [
      "javascript:alert(1)",
      "data:text/html,hi",
      "/relative/path",
      "ftp://files.example.org/x",
      "not a url",
    ];
    const links = [
      ...bad.map((url, i) => ({ publisher: `Medio ${i}`, title: "t", url })),
      { publisher: "Bueno (1)", title: "t", url: "https://ok.example.org/a b(c)?q=x y\\z" },
    ];
    const [message] = render(digest([item(1, { links })]));
    const [embed] = message!.embeds;
    const linkLine = embed!.description!.split("\n").at(-1)!;
    expect(linkLine).toBe(
      "🔗 Medio 0 · Medio 1 · Medio 2 · Medio 3 · Medio 4 · [Bueno (1)](https://ok.example.org/a%20b%28c%29?q=x%20y%5Cz)",
    );
    expect(embed!.url).toBe("https://ok.example.org/a%20b(c)?q=x%20y%5Cz");
    expect(new URL(embed!.url!).searchParams.get("q")).toBe("x y\\z");
    // No link anywhere points at anything but http(s).
    for (const [, target] of embed!.description!.matchAll(/\]\(([^)]*)\)/g)) expect(target).toMatch(/^https?:\/\//);
  });

  it("gives no embed a title link when no report is http(s)", () => {
    const [message] = render(alert({ links: [{ publisher: "Raro", title: "t", url: "javascript:alert(1)" }] }));
    expect(message!.embeds[0]!.url).toBeUndefined();
    expect(message!.embeds[0]!.description).toContain("🔗 Raro");
  });

  it("never gives two embeds of a digest the same title link, which Discord would merge into one card", () => {
    const shared = [{ publisher: "Diario Caribe", title: "t", url: "https://caribe.example.org/same" }];
    const [message] = render(digest([item(1, { links: shared }), item(2, { links: shared })]));
    expect(message!.embeds.map((embed) => embed.url)).toEqual(["https://caribe.example.org/same", undefined]);
  });

  it("splits a digest far too long for one message between developments, every message within Discord's limits", () => {
    const items = Array.from({ length: 30 }, (_, i) =>
      item(i + 1, { summary: `Resumen ${i + 1}: ${"palabra ".repeat(200)}fin ${i + 1}.` }),
    );
    const messages = render(digest(items, "… y 4 desarrollos más"));
    expect(messages.length).toBeGreaterThan(3);
    // The heading opens the first message only.
    expect(messages[0]!.content).toBe("🧵 **Venezuela – EE UU · 11 dic**\n30 nuevos");
    expect(messages.slice(1).map((message) => message.content)).toEqual(messages.slice(1).map(() => undefined));
    const embeds = messages.flatMap((message) => message.embeds);
    // Every item once, whole, in order; the omitted note last.
    expect(embeds.map((embed) => embed.title)).toEqual([
      ...items.map((it, i) => `${i + 1}. ${it.isNew ? "🆕" : "🔄"} Titular ${i + 1}`),
      undefined,
    ]);
    embeds.slice(0, -1).forEach((embed, i) => {
      expect(embed.description).toMatch(new RegExp(`^Resumen ${i + 1}: (palabra )+fin ${i + 1}\\.\\n🔗 `));
    });
    expect(embeds.at(-1)!.description).toBe("*… y 4 desarrollos más*");
  });

  it("starts a new message after ten embeds even when the text is short", () => {
    const messages = render(digest(Array.from({ length: 23 }, (_, i) => item(i + 1))));
    expect(messages.map((message) => message.embeds.length)).toEqual([10, 10, 3]);
  });

  it("cuts a development longer than any limit with an ellipsis after a word, never splitting an emoji", () => {
    // One padding or none: either way, some cut falls between the two halves of an emoji.
    for (const pad of ["", "a"]) {
      const messages = render(
        digest([
          item(1, {
            headline: `${pad}Última😀 hora `.repeat(40),
            summary: `${pad}${"a".repeat(1000)}${"😀".repeat(4000)}`,
            whatIsNew: `${pad}🚢 novedad `.repeat(300),
            actors: Array.from({ length: 400 }, (_, i) => `${pad}Actor😀 ${i}`),
            links: Array.from({ length: 60 }, (_, i) => ({
              publisher: `Medio ${i}`,
              title: "t",
              url: `https://m.example.org/${"x".repeat(40)}/${i}`,
            })),
          }),
          item(2),
        ]),
      );
      const [cut, next] = messages.flatMap((message) => message.embeds);
      expect(cut!.title).toMatch(/^1\. 🆕 a?(Última😀 hora a?)+Última😀( hora)?…$/);
      const [summary, whatIsNew, links, ...rest] = cut!.description!.split("\n");
      expect(rest).toEqual([]);
      expect(summary).toMatch(/^a+😀+…$/u);
      expect(whatIsNew).toMatch(/^→ \*a?(🚢 novedad a?)+🚢( novedad)?…\*$/);
      expect(links).toMatch(/^🔗 (\[Medio \d+\]\(https:\/\/m\.example\.org\/x+\/\d+\) · )+…$/);
      expect(cut!.footer!.text).toMatch(/^3 medios · a?(Actor😀 \d+, a?)+Actor😀( \d+,?)?…$/);
      // The card takes a message of its own, and the next development is whole in the next one.
      expect(messages[0]!.embeds).toHaveLength(1);
      expect(next!.title).toBe("2. 🔄 Titular 2");
    }
  });

  it("cuts a word with no spaces to fit without leaving half an emoji", () => {
    for (const pad of ["", "a"]) {
      const [message] = render(alert({ headline: `${pad}${"😀".repeat(300)}`, summary: `${pad}${"😀".repeat(3000)}` }));
      const [embed] = message!.embeds;
      expect(embed!.title).toMatch(/^a?😀+…$/u);
      expect(embed!.title!.length).toBeGreaterThan(250);
      expect(embed!.description).toMatch(/^a?😀+…\n🔗 /u);
      expect(embed!.description!.length).toBeGreaterThan(4000);
    }
  });

  it("shows an alert with ⚡ and its label as author, the headline as title and the outlets in the footer", () => {
    const [message, ...rest] = render(alert({ label: "⚡ Alerta" }));
    expect(rest).toEqual([]);
    expect(message!.content).toBeUndefined();
    expect(message!.embeds).toEqual([
      {
        color: expect.any(Number),
        author: { name: "⚡ Alerta" },
        title: "Putin llama a Maduro",
        url: "https://frontera.example.org/1",
        description: "El Kremlin confirmó la llamada.\n🔗 [Radio Frontera](https://frontera.example.org/1)",
        footer: { text: "3 medios · Putin, Maduro" },
      },
    ]);
  });

  it("shows what is new in an update, in italics after an arrow", () => {
    const [message] = render(alert({ label: "Actualización", whatIsNew: "Caracas responde" }));
    expect(message!.embeds[0]!.author!.name).toBe("⚡ Actualización");
    expect(message!.embeds[0]!.description!.split("\n")[1]).toBe("→ *Caracas responde*");
  });

  it("names an alert's thread after its headline, within 100 characters and cut after a word", () => {
    const headline =
      "El Kremlin ruso confirma una llamada de apoyo de Putin a Maduro mientras Washington\namplía el despliegue naval en el Caribe";
    const name = threadName((alert({ headline }) as Extract<Reply, { kind: "alert" }>).alert);
    const oneLine = headline.replace(/\s+/g, " ");
    expect(name.length).toBeLessThanOrEqual(DISCORD_LIMITS.threadName);
    expect(name).toMatch(/…$/);
    expect(oneLine.startsWith(name.slice(0, -1))).toBe(true);
    expect(oneLine.charAt(name.length - 1)).toBe(" ");
    expect(threadName((alert({ headline: "  Putin   llama\n" }) as Extract<Reply, { kind: "alert" }>).alert)).toBe(
      "Putin llama",
    );
    const astral = threadName((alert({ headline: "😀".repeat(120) }) as Extract<Reply, { kind: "alert" }>).alert);
    expect(astral.length).toBeLessThanOrEqual(100);
    expect(astral).not.toMatch(LONE_SURROGATE);
  });

  it("splits a list too long for one embed between its lines, never inside one", () => {
    const lines = Array.from({ length: 80 }, (_, i) => line(i + 1));
    const messages = render({ kind: "developments", intro: undefined, title: "Lo más reciente", lines });
    const embeds = messages.flatMap((message) => message.embeds);
    expect(embeds.length).toBeGreaterThan(2);
    expect(embeds.map((embed) => embed.title)).toEqual(["Lo más reciente", ...embeds.slice(1).map(() => undefined)]);
    const entries = embeds.flatMap((embed) => embed.description!.split("\n\n"));
    expect(entries).toHaveLength(80);
    entries.forEach((entry, i) => {
      const n = i + 1;
      expect(entry).toBe(
        `· *${n} dic* **Desarrollo ${n} ${"con bastante texto ".repeat(5).trim()}** (4 medios · en curso)\n` +
          `🔗 [Medio 1](https://m1.example.org/${n}) · [Medio 2](https://m2.example.org/${n}) · [Medio 3](https://m3.example.org/${n})`,
      );
    });
  });

  it("splits a text reply longer than 4096 characters between its lines and keeps its blank lines", async () => {
    const hilo = await demoHilo();
    const help = hilo.answer("/help", { platform: "test", chatId: "help" }, "es")!;
    expect(help.kind).toBe("text");
    const { lines } = help as Extract<Reply, { kind: "text" }>;
    const long: Reply = { kind: "text", title: "Ayuda", lines: Array.from({ length: 6 }, () => lines).flat() };
    const messages = render(long);
    const descriptions = messages.flatMap((message) => message.embeds.map((embed) => embed.description!));
    expect(descriptions.length).toBeGreaterThan(1);
    const original = lines.flatMap((text) => text.split("\n")).filter((text) => text.trim() !== "");
    for (const description of descriptions) {
      // Each description starts and ends on a whole line of the help, and every line in it is one.
      for (const shown of description.split("\n").filter(Boolean)) expect(original).toContain(shownAs(shown));
    }
    expect(descriptions[0]).toMatch(/^Sigo la historia .+\n\n\/digest \\\[24h\\\|3d\\\] — /);
    expect(messages[0]!.embeds[0]!.title).toBe("Ayuda");
  });

  it("answers an error with a short message and no embed", () => {
    expect(render({ kind: "error", text: "No conozco el comando /x_y." })).toEqual([
      { content: "No conozco el comando /x\\_y.", embeds: [], allowed_mentions: { parse: [] } },
    ]);
  });

  it("sends an empty digest as its heading alone", () => {
    expect(render(digest([]))).toEqual([
      { content: "🧵 **Venezuela – EE UU · 11 dic**\n0 nuevos", embeds: [], allowed_mentions: { parse: [] } },
    ]);
  });

  it("asks a question back in the content, with a button per choice that runs its command", () => {
    const [message, ...more] = render({
      kind: "choices",
      question: "«noboa» puede ser más de un actor. ¿Cuál?",
      choices: [
        { label: "Daniel Noboa — Presidente de Ecuador", command: "/actor daniel-noboa" },
        { label: "Álvaro Noboa — Empresario", command: "/actor alvaro-noboa" },
      ],
    });
    expect(more).toEqual([]);
    expect(message).toEqual({
      content: "«noboa» puede ser más de un actor. ¿Cuál?",
      embeds: [],
      allowed_mentions: { parse: [] },
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 2, label: "Daniel Noboa — Presidente de Ecuador", custom_id: "cmd:actor daniel-noboa" },
            { type: 2, style: 2, label: "Álvaro Noboa — Empresario", custom_id: "cmd:actor alvaro-noboa" },
          ],
        },
      ],
    });
    const commands = message!.components!.flatMap((row) =>
      row.components.map((button) => commandOfCustomId(button.custom_id)),
    );
    expect(commands).toEqual(["/actor daniel-noboa", "/actor alvaro-noboa"]);
  });

  it("lays many choices out in rows of five, at most five rows, and lists what gets no button with the command to type", () => {
    const choices = Array.from({ length: 27 }, (_, i) => ({
      label: `Actor ${i + 1}`,
      command: `/actor actor-${i + 1}`,
    }));
    const long = { label: "Largo", command: `/search ${"palabra ".repeat(15).trim()}` };
    const [message, ...more] = render({
      kind: "choices",
      question: "¿Cuál?",
      choices: [choices[0]!, long, ...choices.slice(1)],
    });
    expect(more).toEqual([]);
    expect(message!.components!.map((row) => row.components.length)).toEqual([5, 5, 5, 5, 5]);
    expect(message!.components![4]!.components[4]!.label).toBe("Actor 25");
    expect(message!.content).toBe("¿Cuál?");
    expect(message!.embeds.map((embed) => embed.description)).toEqual([
      [`· Largo: ${long.command}`, "· Actor 26: /actor actor-26", "· Actor 27: /actor actor-27"].join("\n"),
    ]);
  });

  it("cuts a long choice label to 80 characters and leaves it unescaped on the button, where Discord shows plain text", () => {
    const label = `@everyone **Noboa** <@123> ${"muy ".repeat(30)}largo`;
    const [message] = render({
      kind: "choices",
      question: "¿**Cuál**?",
      choices: [
        { label, command: "/actor noboa" },
        { label: "Otro", command: "/actor otro" },
      ],
    });
    const [first] = message!.components![0]!.components;
    expect(first!.label).toMatch(/^@everyone \*\*Noboa\*\* <@123> muy .*…$/);
    expect([...first!.label!].length).toBeLessThanOrEqual(80);
    expect(message!.content).toBe("¿\\*\\*Cuál\\*\\*?");
    expect(message!.allowed_mentions).toEqual({ parse: [] });
  });

  describe("with the bundled demo story", () => {
    let hilo: Hilo;
    beforeAll(async () => {
      hilo = await demoHilo();
    });

    for (const lang of ["es", "en"] as const) {
      it(`renders the real digest within Discord's limits in ${lang}`, () => {
        const reply = hilo.answer("/digest 7d", { platform: "test", chatId: `digest-${lang}` }, lang)!;
        expect(reply.kind).toBe("digest");
        const { digest: view } = reply as Extract<Reply, { kind: "digest" }>;
        const embeds = render(reply, lang).flatMap((message) => message.embeds);
        expect(view.items.length).toBeGreaterThan(0);
        expect(
          embeds.slice(0, view.items.length).map((embed) => shownAs(embed.title!).replace(/^\d+\. \S+ /, "")),
        ).toEqual(view.items.map((it) => it.headline));
      });

      it(`renders /actor petro within Discord's limits in ${lang}`, () => {
        const reply = hilo.answer("/actor petro", { platform: "test", chatId: `actor-${lang}` }, lang)!;
        expect(reply.kind).toBe("actor");
        const { actor } = reply as Extract<Reply, { kind: "actor" }>;
        const embeds = render(reply, lang).flatMap((message) => message.embeds);
        expect(shownAs(embeds[0]!.title!)).toBe(`${actor.name} — ${actor.role}`);
        const listed = embeds
          .slice(1)
          .map((embed) => embed.description)
          .join("\n\n");
        for (const development of actor.developments) expect(shownAs(listed)).toContain(`**${development.headline}**`);
        if (actor.seenWith) expect(shownAs(listed)).toMatch(new RegExp(`\\*${actor.seenWith.slice(0, 10)}.*\\*$`));
      });

      it(`renders /latest, /timeline, /sources and /help within Discord's limits in ${lang}`, () => {
        for (const command of ["/latest", "/timeline", "/sources", "/help", "/settings"]) {
          const reply = hilo.answer(command, { platform: "test", chatId: `list-${lang}` }, lang)!;
          expect(render(reply, lang).length).toBeGreaterThan(0);
        }
      });
    }
  });
});
