import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DiscoveredActor } from "../../../src/digest/actors/discover-actors.js";
import { DiscoveryStore } from "../../../src/digest/store/discovery-store.js";
import { openDatabase } from "../../../src/digest/store/open-database.js";

const dir = mkdtempSync(join(tmpdir(), "hilo-discovery-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const actor = (name: string, articles: number): DiscoveredActor => ({
  id: `found-${name.toLowerCase().replace(/\s+/g, "-")}`,
  name,
  kind: "person",
  forms: [name],
  keys: [name.toLowerCase()],
  articles,
  publishers: 2,
  firstSeen: 1,
  lastSeen: 2,
});

describe("the discovered actors as a request reads them", () => {
  it("are read once while nothing is written, and again after a write here or by another process", () => {
    const path = join(dir, "hilo.db");
    const here = new DiscoveryStore(openDatabase(path));
    const elsewhere = new DiscoveryStore(openDatabase(path));
    here.save([actor("Delcy Rodríguez", 3)]);
    const first = here.all();
    expect(first.map((found) => found.name)).toEqual(["Delcy Rodríguez"]);
    // Nothing written since: the very same list, not a new read.
    expect(here.all()).toBe(first);

    here.save([actor("Hermes Salcedo", 5)]);
    expect(here.all().map((found) => found.name)).toEqual(["Hermes Salcedo", "Delcy Rodríguez"]);

    // Another connection (a second process on the same file) writes: this one sees it at its next read.
    const before = here.all();
    elsewhere.save([actor("Ana Pérez", 9)]);
    expect(here.all()).not.toBe(before);
    expect(here.all().map((found) => found.name)).toEqual(["Ana Pérez", "Hermes Salcedo", "Delcy Rodríguez"]);
  });
});
