import { describe, expect, it } from "vitest";
import type { DiscoveredActor } from "../../../src/digest/actors/discover-actors.js";
import { discoveredAsActor } from "../../../src/digest/actors/discovered-as-actor.js";
import { findActor } from "../../../src/digest/actors/find-actor.js";

const found: DiscoveredActor = {
  id: "found-hermes-salcedo",
  name: "Hermes Salcedo",
  kind: "person",
  forms: ["Hermes Salcedo", "H. Salcedo", "Salcedo"],
  keys: ["hermes salcedo", "salcedo"],
  articles: 7,
  publishers: 3,
  firstSeen: 1,
  lastSeen: 2,
};

describe("a discovered actor as /actor shows it", () => {
  it("is named by its most written form in both languages, with its other forms as aliases", () => {
    const actor = discoveredAsActor(found);
    expect(actor).toMatchObject({ id: "found-hermes-salcedo", kind: "person", country: "ZZ", relevance: "context" });
    expect(actor.names).toEqual({ es: "Hermes Salcedo", en: "Hermes Salcedo" });
    expect(actor.aliases).toEqual(["H. Salcedo", "Salcedo"]);
    expect([actor.descriptive, actor.roles, actor.ambiguousAliases, actor.context]).toEqual([[], [], [], []]);
  });

  it("says in each language how many reports and outlets named it", () => {
    const { profile } = discoveredAsActor(found);
    expect(profile.es).toMatch(/7 informes de 3 medios/);
    expect(profile.en).toMatch(/7 reports from 3 outlets/);
  });

  it("is found by its name, by an alias and by a word of its name", () => {
    const actors = [discoveredAsActor(found)];
    for (const query of ["Hermes Salcedo", "h. salcedo", "hermes"])
      expect(findActor(query, actors)).toMatchObject({ kind: "found", actor: { id: "found-hermes-salcedo" } });
  });
});
