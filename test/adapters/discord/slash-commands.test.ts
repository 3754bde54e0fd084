import { describe, expect, it } from "vitest";
import { slashCommands } from "../../../src/adapters/discord/slash-commands.js";
import { timeZoneChoices } from "../../../src/adapters/discord/time-zone-choices.js";
import { commandLine, languageOfLocale, SETTINGS_COMMANDS } from "../../../src/adapters/discord/to-command.js";
import { parseCommand } from "../../../src/digest/index.js";

const MANAGE_GUILD = "32";

describe("Hilo's slash commands", () => {
  const commands = slashCommands();

  it("offers every command the issue lists, each one the core understands", () => {
    const names = commands.map((c) => c.name);
    for (const name of [
      "digest",
      "latest",
      "actor",
      "actors",
      "timeline",
      "search",
      "ask",
      "subscribe",
      "unsubscribe",
      "alerts",
      "quiet",
      "settings",
      "lang",
      "sources",
    ]) {
      expect(names).toContain(name);
    }
    for (const name of names) {
      const parsed = parseCommand(commandLine({ name, options: {} }));
      expect(parsed.ok || (parsed.problem.kind !== "unknown-command" && parsed.problem.kind !== "not-a-command")).toBe(
        true,
      );
    }
  });

  it("names and describes every command and option in Spanish for both Spanish locales, within Discord's limits", () => {
    for (const c of commands) {
      expect(c.name_localizations).toMatchObject({ "es-ES": expect.any(String), "es-419": expect.any(String) });
      expect(c.description_localizations?.["es-ES"]).toBeTruthy();
      expect(c.description.length).toBeLessThanOrEqual(100);
      for (const option of c.options ?? []) {
        expect(option.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(option.name_localizations?.["es-419"]).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(option.description.length).toBeLessThanOrEqual(100);
      }
    }
    expect(commands.find((c) => c.name === "timeline")!.name_localizations!["es-ES"]).toBe("cronologia");
  });

  it("takes a question in /ask's required text option, texto in Spanish", () => {
    const ask = commands.find((c) => c.name === "ask")!;
    expect(ask.name_localizations?.["es-ES"]).toBe("preguntar");
    expect(ask.options).toEqual([
      expect.objectContaining({
        type: 3,
        name: "text",
        name_localizations: { "es-ES": "texto", "es-419": "texto" },
        required: true,
      }),
    ]);
  });

  it("hides the settings commands from members without Manage Server, and only those", () => {
    for (const c of commands) {
      expect(c.default_member_permissions ?? null).toBe(SETTINGS_COMMANDS.has(c.name) ? MANAGE_GUILD : null);
    }
  });

  it("asks Discord to autocomplete actor names and time zones", () => {
    const autocompleted = commands.flatMap((c) =>
      (c.options ?? []).filter((o) => "autocomplete" in o && o.autocomplete).map((o) => `${c.name}.${o.name}`),
    );
    expect(autocompleted.sort()).toEqual(["actor.name", "subscribe.timezone", "timeline.actor"]);
  });
});

describe("slash command options as core command lines", () => {
  it("writes each command's options in the order the core reads them", () => {
    expect(commandLine({ name: "actor", options: { name: "Gustavo Petro" } })).toBe("/actor Gustavo Petro");
    expect(commandLine({ name: "timeline", options: { actor: "maduro", days: 14 } })).toBe("/timeline maduro 14");
    expect(commandLine({ name: "timeline", options: { days: 7 } })).toBe("/timeline 7");
    expect(
      commandLine({ name: "subscribe", options: { time: "08:00", timezone: "America/Caracas", channel: "123" } }),
    ).toBe("/subscribe 08:00 America/Caracas");
    expect(commandLine({ name: "actors", options: { new: true } })).toBe("/actors new");
    expect(commandLine({ name: "actors", options: { new: false } })).toBe("/actors");
    expect(commandLine({ name: "search", options: { query: "asilo\npolítico" } })).toBe("/search asilo político");
    expect(commandLine({ name: "ask", options: { text: "¿quién ofrece\nasilo a Maduro?" } })).toBe(
      "/ask ¿quién ofrece asilo a Maduro?",
    );
    expect(commandLine({ name: "latest", options: {} })).toBe("/latest");
  });

  it("lets the core explain a bad value typed into an option", () => {
    const parsed = parseCommand(commandLine({ name: "subscribe", options: { time: "25:99" } }));
    expect(parsed).toMatchObject({ ok: false, problem: { kind: "bad-time", argument: "25:99" } });
  });

  it("reads Spanish from both Spanish Discord locales and English from the rest", () => {
    expect([
      languageOfLocale("es-ES"),
      languageOfLocale("es-419"),
      languageOfLocale("en-US"),
      languageOfLocale("pt-BR"),
      languageOfLocale(undefined),
    ]).toEqual(["es", "es", "en", "en", "en"]);
  });
});

describe("time zone autocomplete", () => {
  it("puts zones whose city starts with the typed text first, ignoring case, accents and underscores", () => {
    expect(timeZoneChoices("cara", 25)[0]).toBe("America/Caracas");
    expect(timeZoneChoices("BOGOTÁ", 25)).toContain("America/Bogota");
    expect(timeZoneChoices("new y", 25)).toContain("America/New_York");
    expect(timeZoneChoices("", 25)[0]).toBe("America/Caracas");
    expect(timeZoneChoices("zzzz", 25)).toEqual([]);
    expect(timeZoneChoices("a", 25)).toHaveLength(25);
  });
});
