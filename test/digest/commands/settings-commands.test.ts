import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/digest/commands/parse-command.js";
import { Hilo, loadStoryPack, type Reply, silentLogger } from "../../../src/digest/index.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";
import { openTestDatabase } from "../../helpers/test-database.js";

const pack = loadStoryPack(STORY_DIR);
const NOW = Date.parse("2025-12-11T15:00:00Z");

function setup() {
  const hilo = new Hilo({
    db: openTestDatabase(),
    pack,
    log: silentLogger,
    digestChars: 3500,
    wallClock: () => NOW,
  });
  const address = { platform: "test", chatId: "42" };
  const say = (line: string, lang: "es" | "en" = "es", canConfigure = true): Reply =>
    hilo.answer(line, address, lang, { caller: { canConfigure } })!;
  const subscription = () => hilo.subscriptions.get(hilo.chats.ensure(address, "es", NOW).id);
  return { hilo, say, subscription };
}

const lines = (reply: Reply) =>
  reply.kind === "text" ? reply.lines.join("\n") : reply.kind === "error" ? reply.text : "";

describe("subscribing a chat", () => {
  it("subscribes at the time and zone given, and says so", () => {
    const { say, subscription } = setup();
    expect(lines(say("/subscribe 07:30 Europe/Madrid"))).toMatch(/07:30 \(Europe\/Madrid\)/);
    expect(subscription()).toMatchObject({
      digestAt: "07:30",
      timeZone: "Europe/Madrid",
      active: true,
      subscribedAt: NOW,
    });
  });

  it("defaults to 08:00 in the story's zone and accepts a zone in any case", () => {
    const { say, subscription } = setup();
    say("/subscribe");
    expect(subscription()).toMatchObject({ digestAt: "08:00", timeZone: "America/Caracas" });
    say("/subscribe america/bogota");
    expect(subscription()).toMatchObject({ digestAt: "08:00", timeZone: "America/Bogota" });
  });

  it.each([
    ["/subscribe 25:00", /«25:00» no es una hora válida.*\/subscribe 08:00 America\/Caracas/],
    ["/subscribe 8 Europe/Madrid", /«8» no es una hora válida/],
    ["/subscribe 08:00 Mars/Olympus", /No conozco la zona horaria «Mars\/Olympus».*\/subscribe 08:00 America\/Bogota/],
    ["/subscribe 08:00 Etc/GMT+14", /No conozco la zona horaria «Etc\/GMT\+14»/],
    ["/alerts maybe", /\/alerts necesita on u off, no «maybe»/],
    ["/quiet 23:00", /No entiendo «23:00» como horas de silencio. Ejemplo: \/quiet 23:00-07:00/],
    ["/quiet 10:00-10:00", /como horas de silencio/],
    ["/lang fr", /Hablo es y en, no «fr»/],
    ["/unsubscribe now", /\/unsubscribe no lleva «now»/],
  ])("answers %s with the problem and an example", (line, message) => {
    const { say } = setup();
    say("/subscribe");
    const reply = say(line);
    expect(reply.kind).toBe("error");
    expect(lines(reply)).toMatch(message);
  });

  it("turns alerts off and on, sets and clears quiet hours, and shows it all in /settings", () => {
    const { say, subscription } = setup();
    say("/subscribe 08:00");
    say("/alerts off");
    say("/quiet 23:00-07:00");
    expect(subscription()).toMatchObject({ alerts: false, quietFrom: "23:00", quietTo: "07:00" });
    expect(lines(say("/settings"))).toMatch(
      /Resumen diario: 08:00 \(America\/Caracas\)\nAlertas: no · máximo 5 al día\nHoras de silencio: 23:00–07:00/,
    );
    say("/quiet off");
    say("/alerts on");
    expect(subscription()).toMatchObject({ alerts: true, quietFrom: undefined, quietTo: undefined });
  });

  it("tells an unsubscribed chat how to subscribe before changing alerts", () => {
    const { say } = setup();
    expect(lines(say("/alerts off", "en"))).toMatch(
      /This chat is not subscribed\. Example: \/subscribe 08:00 America\/Caracas/,
    );
  });

  it("unsubscribes and comes back", () => {
    const { say, subscription } = setup();
    say("/subscribe");
    expect(lines(say("/unsubscribe"))).toMatch(/Ya no recibirás/);
    expect(subscription()).toMatchObject({ active: false, inactiveReason: "unsubscribed" });
    say("/subscribe");
    expect(subscription()).toMatchObject({ active: true });
  });

  it("switches the chat's language and answers in it from then on", () => {
    const { say } = setup();
    expect(lines(say("/lang en"))).toBe("I'll answer in English.");
    expect(lines(say("/settings"))).toMatch(/Daily digest: not subscribed/);
  });

  it("refuses settings to a group member who is not an admin, and says what they can do", () => {
    const { say, subscription } = setup();
    const reply = say("/subscribe 09:00", "es", false);
    expect(reply).toEqual({ kind: "error", text: expect.stringMatching(/Solo los administradores.*\/digest/) });
    expect(subscription()).toBeUndefined();
    expect(say("/settings", "es", false).kind).toBe("text");
  });

  it("parses the time forms people type", () => {
    expect(parseCommand("/subscribe 7:05")).toEqual({
      ok: true,
      command: { name: "subscribe", digestAt: "07:05", timeZone: undefined },
    });
    expect(parseCommand("/quiet 22:30 - 6:00")).toEqual({
      ok: true,
      command: { name: "quiet", range: { from: "22:30", to: "06:00" } },
    });
  });
});
