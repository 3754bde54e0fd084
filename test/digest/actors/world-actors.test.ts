import { describe, expect, it } from "vitest";
import { createActorMatcher } from "../../../src/digest/actors/match-actors.js";
import { worldActors } from "../../../src/digest/actors/world-actors.js";
import { loadStoryPack } from "../../../src/digest/index.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";

const pack = loadStoryPack(STORY_DIR);
const world = worldActors(pack);
const matcher = createActorMatcher(pack.actors, pack.places, world.links);
const linked = (text: string) => [
  ...new Set(
    matcher
      .matchArticle({ title: text, text: "" }, Date.UTC(2025, 11, 10))
      .map((m) => `${m.actorId}${m.via === "world" ? " (world)" : ""}`),
  ),
];

describe("countries and bodies from the shared gazetteer", () => {
  it("reads content/world beside the story folder", () => {
    expect(pack.world.length).toBeGreaterThan(40);
  });

  it("links a country the story has no actor for to the country, as a country", () => {
    expect(linked("Honduras convoca una cumbre de la Celac")).toEqual(["world-hn (world)"]);
    expect(linked("La ONU pide calma")).toEqual(["world-un (world)"]);
  });

  it("leaves a country the story has its own government actor for to the story's names", () => {
    expect(world.actors.map((actor) => actor.id)).not.toContain("world-co");
    expect(world.links.some((link) => link.actorId === "world-ve")).toBe(false);
  });

  it("reads a short all-capitals name only in capitals: US, not us", () => {
    expect(world.links.find((link) => link.actorId === "world-us")).toBeUndefined();
    const bare = createActorMatcher([], [], [{ actorId: "world-us", names: ["US"] }]);
    expect(bare.match("US forces seized a tanker", 0).map((m) => m.actorId)).toEqual(["world-us"]);
    expect(bare.match("Us and them, the song says", 0)).toEqual([]);
  });
});
