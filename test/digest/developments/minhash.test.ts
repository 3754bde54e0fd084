import { describe, expect, it } from "vitest";
import {
  minhashSignature,
  NEAR_DUPLICATE_SIMILARITY,
  signatureSimilarity,
} from "../../../src/digest/developments/minhash.js";
import { NearDuplicateIndex } from "../../../src/digest/developments/near-duplicate-index.js";

const WIRE =
  "El Consejo Nacional Electoral de Venezuela anunció este martes que las elecciones regionales se celebrarán el próximo 25 de mayo, " +
  "tras una reunión con representantes de los partidos políticos. La presidenta del organismo explicó que el cronograma incluye la " +
  "actualización del registro electoral durante tres semanas y una auditoría de las máquinas de votación.";

// Another outlet's own report of the same event: same facts, its own words.
const REWRITE =
  "Las autoridades electorales venezolanas fijaron para el 25 de mayo los comicios regionales. Según el calendario presentado en " +
  "Caracas, el registro de votantes se abrirá durante tres semanas y habrá una revisión técnica de los equipos de votación.";

// What a syndicating outlet does: a dateline, one word changed, a credit line.
const COPY = `CARACAS (Agencia Continental) - ${WIRE.replace("explicó", "indicó")} Con información de Agencia Continental.`;

const similarity = (a: string, b: string) => signatureSimilarity(minhashSignature(a), minhashSignature(b));

describe("near-duplicate detection", () => {
  it("gives the same signature for the same text, ignoring case, accents and punctuation", () => {
    expect(minhashSignature("Anunció la ELECCIÓN, en Mérida!")).toEqual(
      minhashSignature("anuncio la eleccion en merida"),
    );
  });

  it("recognises a syndicated copy with a dateline, a changed word and a credit line", () => {
    expect(similarity(WIRE, COPY)).toBeGreaterThanOrEqual(NEAR_DUPLICATE_SIMILARITY);
  });

  it("does not take another outlet's own report of the same event for a copy", () => {
    expect(similarity(WIRE, REWRITE)).toBeLessThan(0.2);
  });

  it("finds the original of a copy among recent articles, and nothing once it left the window", () => {
    const day = 86_400_000;
    const index = new NearDuplicateIndex(7 * day);
    index.add("original", minhashSignature(WIRE), 0);
    index.add("rewrite", minhashSignature(REWRITE), 1000);
    expect(index.find(minhashSignature(COPY), 2 * 3_600_000)).toBe("original");
    expect(index.find(minhashSignature(COPY), 30 * day)).toBeUndefined();
    expect(
      index.find(minhashSignature("Un texto que no se parece a ninguno de los anteriores en nada."), 0),
    ).toBeUndefined();
  });
});
