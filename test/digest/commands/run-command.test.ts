import { beforeAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../../../src/digest/commands/request.js";
import type { Hilo, Reply } from "../../../src/digest/index.js";
import { demoHilo } from "../../helpers/demo-hilo.js";
import { openTestDatabase } from "../../helpers/test-database.js";

let hilo: Hilo;
beforeAll(async () => {
  hilo = await demoHilo();
});

let chatCounter = 0;
function ask(line: string, lang: "es" | "en" = "es"): Reply {
  chatCounter += 1;
  return hilo.answer(line, { platform: "test", chatId: `chat-${chatCounter}` }, lang)!;
}

function text(reply: Reply): string {
  return JSON.stringify(reply);
}

describe("/actor", () => {
  it("shows Petro's profile, role and his developments, never the oil company's", () => {
    const reply = ask("/actor petro");
    expect(reply.kind).toBe("actor");
    if (reply.kind !== "actor") return;
    expect(reply.actor.name).toBe("Gustavo Petro");
    expect(reply.actor.role).toMatch(/Colombia/);
    const headlines = reply.actor.developments.map((line) => line.headline).join(" | ");
    expect(headlines).toMatch(/asilo|visa|sanci/i);
    expect(headlines).not.toMatch(/PDVSA|barriles|crudo/i);
  });

  it.each(["Gustavo Petro", "PETRO", "petro"])("finds Petro by %s", (query) => {
    const reply = ask(`/actor ${query}`);
    expect(reply.kind === "actor" && reply.actor.name).toBe("Gustavo Petro");
  });

  it("finds Lukashenko under the Belarusian spelling", () => {
    const reply = ask("/actor lukashenka", "en");
    expect(reply.kind === "actor" && reply.actor.name).toMatch(/Lukashenko/);
  });

  it("answers «petroleo» with a clear no and suggests PDVSA, never Petro's page", () => {
    const reply = ask("/actor petroleo");
    expect(reply).toEqual({ kind: "error", text: expect.stringContaining("No hay un actor llamado «petroleo»") });
    expect(text(reply)).toContain("PDVSA");
  });

  it("says plainly when there is no such actor and nothing close", () => {
    const reply = ask("/actor zzzzqqq", "en");
    expect(reply).toEqual({ kind: "error", text: expect.stringMatching(/No actor called "zzzzqqq"/) });
  });

  it("asks for a name when none is given", () => {
    expect(ask("/actor")).toEqual({ kind: "error", text: expect.stringContaining("/actor petro") });
  });
});

describe("/digest", () => {
  it("says what changed in the last day, with new developments first and their outlets", () => {
    const reply = ask("/digest");
    expect(reply.kind).toBe("digest");
    if (reply.kind !== "digest") return;
    expect(reply.digest.header).toMatch(/\d+ nuevos? · \d+ actualizados? · en las últimas 24 h/);
    expect(reply.digest.items.length).toBeGreaterThan(0);
    for (const item of reply.digest.items) {
      expect(item.headline.length).toBeGreaterThan(10);
      expect(item.publishersLabel).toMatch(/\d+ medios?/);
      expect(item.links.length).toBeLessThanOrEqual(3);
    }
  });

  it("starts the next digest where the chat's last one ended", () => {
    const address = { platform: "test", chatId: "digest-twice" };
    hilo.answer("/digest", address, "en");
    const second = hilo.answer("/digest", address, "en")!;
    expect(second.kind === "digest" && second.digest.header).toMatch(/^Nothing new since your last digest/);
  });

  it("rejects a window it cannot read, with an example", () => {
    expect(ask("/digest mañana")).toEqual({ kind: "error", text: expect.stringContaining("/digest 24h") });
  });
});

describe("/latest, /timeline and /search", () => {
  it("lists the latest developments", () => {
    const reply = ask("/latest", "en");
    expect(reply.kind === "developments" && reply.lines.length).toBeGreaterThan(3);
  });

  it("lists an actor's developments oldest first", () => {
    const reply = ask("/timeline maduro 120");
    expect(reply.kind).toBe("developments");
    if (reply.kind !== "developments") return;
    const ids = reply.lines.map((line) => line.developmentId);
    expect(ids.length).toBeGreaterThan(3);
    expect(reply.title).toContain("Nicolás Maduro");
  });

  it("explains a bad number of days", () => {
    expect(ask("/timeline maduro 0")).toEqual({ kind: "error", text: expect.stringContaining("1 a 365") });
    expect(ask("/digest 365d")).toEqual({
      kind: "error",
      text: "«365d» queda fuera de lo que /digest abarca: de 1 hora a 90 días. Ejemplo: /digest 90d",
    });
  });

  it("finds asylum developments from a Spanish word, in either language", () => {
    const reply = ask("/search asilo");
    expect(reply.kind).toBe("developments");
    expect(text(reply)).toMatch(/asilo|asylum/i);
    const english = ask("/search asylum", "en");
    expect(english.kind).toBe("developments");
  });

  it("keeps a development off the story out of /latest and /timeline, and marks it when /search finds it", () => {
    const oil = ask("/search PDVSA barriles producción");
    expect(oil.kind).toBe("developments");
    if (oil.kind !== "developments") return;
    const output = oil.lines.find((line) => /barril|barrel/i.test(line.headline))!;
    expect(output.offStory).toBe("fuera de esta historia");
    const shown = (reply: Reply) =>
      reply.kind === "developments" ? reply.lines.map((line) => line.developmentId) : [];
    expect(shown(ask("/latest"))).not.toContain(output.developmentId);
    expect(shown(ask("/timeline 120"))).not.toContain(output.developmentId);
    expect(shown(ask("/timeline maduro 120")).length).toBeGreaterThan(0);
  });

  it("says so when nothing matches", () => {
    expect(ask("/search xilófono")).toEqual({
      kind: "error",
      text: expect.stringContaining("Nada coincide con «xilófono»"),
    });
  });

  it("answers an unknown command with the way to /help", () => {
    expect(ask("/weather", "en")).toEqual({ kind: "error", text: expect.stringContaining("/help") });
  });
});

describe("/actors", () => {
  it("lists the actors it follows by kind", () => {
    const reply = ask("/actors", "en");
    expect(reply.kind).toBe("actors");
    if (reply.kind !== "actors") return;
    const people = reply.groups.find((group) => group.title === "People");
    expect(people?.actors.find((actor) => actor.name === "Gustavo Petro")).toMatchObject({
      role: expect.stringMatching(/President/),
      command: "/actor petro",
    });
    // Each listed command answers with that actor.
    for (const actor of reply.groups.flatMap((group) => group.actors).slice(0, 5)) {
      const answer = ask(actor.command, "en");
      expect(answer.kind === "actor" && answer.actor.name, actor.command).toBe(actor.name);
    }
  });

  it("lists recurring names that are not in the registry, or says there are none", () => {
    const reply = ask("/actors new");
    expect(reply.kind).toBe("actors");
    if (reply.kind !== "actors") return;
    expect(reply.title).toMatch(/Nombres nuevos/);
    const names = reply.groups.flatMap((group) => group.actors.map((actor) => actor.name));
    expect(names.join("\n")).not.toMatch(/Maduro|Petro\b|Venezuela/);
    expect(names.length > 0 || reply.empty !== undefined).toBe(true);
  });
});

describe("one request: the story clock and the discovered actors read once", () => {
  it("reads the story clock once per command, however many lines the answer has", async () => {
    const { Hilo, loadStoryPack, silentLogger } = await import("../../../src/digest/index.js");
    const { STORY_DIR } = await import("../../helpers/demo-hilo.js");
    let reads = 0;
    const counted = new Hilo({
      db: openTestDatabase(),
      pack: loadStoryPack(STORY_DIR),
      log: silentLogger,
      digestChars: 3500,
      storyClock: () => {
        reads += 1;
        return Date.parse("2025-12-12T12:00:00Z");
      },
    });
    await counted.ingestDemoIfEmpty();
    for (const command of ["/latest", "/timeline", "/actor maduro", "/search asilo"]) {
      reads = 0;
      const reply = counted.answer(command, { platform: "test", chatId: "clock" }, "es")!;
      expect(reply.kind === "developments" || reply.kind === "actor").toBe(true);
      expect(reads, command).toBe(1);
    }
  });

  it("reads the discovered actors at most once per command, and not at all for a digest of the registry's actors", async () => {
    const { Hilo, loadStoryPack, silentLogger } = await import("../../../src/digest/index.js");
    const { STORY_DIR } = await import("../../helpers/demo-hilo.js");
    const counted = new Hilo({
      db: openTestDatabase(),
      pack: loadStoryPack(STORY_DIR),
      log: silentLogger,
      digestChars: 3500,
    });
    await counted.ingestDemoIfEmpty();
    const discovery = counted.pipeline.discovery;
    const all = discovery.all.bind(discovery);
    let reads = 0;
    discovery.all = () => {
      reads += 1;
      return all();
    };
    const expected = { "/actor maduro": 1, "/timeline maduro 30": 1, "/digest 7d": 0 } as const;
    for (const [command, most] of Object.entries(expected)) {
      reads = 0;
      const reply = counted.answer(command, { platform: "test", chatId: "discovery" }, "es")!;
      expect(reply.kind, command).not.toBe("error");
      expect(reads, command).toBe(most);
    }
  });
});

describe("the actor directory across requests", () => {
  it("is made once while nothing is written, again after a discovery, and stays the same within a request", async () => {
    const { loadStoryPack } = await import("../../../src/digest/index.js");
    const { DiscoveryStore } = await import("../../../src/digest/store/discovery-store.js");
    const { actorDirectories } = await import("../../../src/digest/commands/request.js");
    const { STORY_DIR } = await import("../../helpers/demo-hilo.js");
    const discovery = new DiscoveryStore(openTestDatabase());
    const context = { pack: loadStoryPack(STORY_DIR), discovery } as unknown as CommandContext;
    const directories = actorDirectories(context);
    const first = directories.forRequest().all();
    expect(directories.forRequest().all()).toBe(first);

    const during = directories.forRequest();
    expect(during.all()).toBe(first);
    const found = {
      id: "found-hermes-salcedo",
      name: "Hermes Salcedo",
      kind: "person" as const,
      forms: ["Hermes Salcedo"],
      keys: ["hermes salcedo"],
      articles: 3,
      publishers: 2,
      firstSeen: 1,
      lastSeen: 2,
    };
    discovery.save([found], { from: 0, to: Number.MAX_SAFE_INTEGER });
    expect(during.all()).toBe(first);
    expect(during.name("found-hermes-salcedo", "es")).toBe("found-hermes-salcedo");

    const after = directories.forRequest();
    expect(after.all()).not.toBe(first);
    expect(after.all().at(-1)?.id).toBe("found-hermes-salcedo");
    expect(after.name("found-hermes-salcedo", "es")).toMatch(/Salcedo/);
    expect(directories.forRequest().all()).toBe(after.all());
  });
});
