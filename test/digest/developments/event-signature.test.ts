import { describe, expect, it } from "vitest";
import { loadStoryPack } from "../../../src/digest/content/load-story-pack.js";
import { buildVocabulary } from "../../../src/digest/developments/article-features.js";
import type { Lang } from "../../../src/digest/model.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";

// The bundled story with the shared actions of content/world.
const vocabulary = buildVocabulary(loadStoryPack(STORY_DIR));
const at = Date.parse("2025-12-10T12:00:00Z");
const read = (title: string, lang: Lang) => vocabulary.signatures.read(title, lang, at);

describe("what a headline says happened", () => {
  it("reads the action and the country that did it, in Spanish and in English alike", () => {
    const es = read("Colombia rompe relaciones con Venezuela", "es");
    const en = read("Colombia breaks off relations with Venezuela", "en");
    expect(es.main).toContain("act-break-ties");
    expect(en.main).toContain("act-break-ties");
    expect(es.agent).toBe("CO");
    expect(en.agent).toBe("CO");
  });

  it("leaves out the reason a headline gives after 'tras' or 'after'", () => {
    expect(read("Colombia rompe relaciones con Venezuela tras el ataque a una lancha", "es").actions).not.toContain(
      "act-strike",
    );
    expect(read("Colombia breaks off relations with Venezuela after boat strike", "en").actions).not.toContain(
      "act-strike",
    );
  });

  it("tells the main verb from the event it talks about", () => {
    const signature = read("Brasil condena el ataque de EE UU contra una lancha", "es");
    expect(signature.main).toEqual(["act-condemn"]);
    expect(signature.actions).toContain("act-strike");
    expect(signature.agent).toBe("BR");
  });

  it("reads each part of a headline cut by a colon", () => {
    expect(read("Lukashenko: Maduro siempre será bienvenido en Bielorrusia", "es").actions).toContain("act-asylum");
  });

  it("names no action for a headline that tells of none, only whom it is about", () => {
    expect(read("Quién es Diosdado Cabello", "es")).toEqual({ actions: [], main: [], agent: "VE" });
  });

  it("takes an organisation as itself, not as the country it sits in", () => {
    expect(read("La OEA condena el ataque contra la embajada", "es").agent).not.toBe("US");
  });
});
