import { describe, expect, it } from "vitest";
import { hammingDistance, NEAR_DUPLICATE_BITS, simhash64 } from "../../../src/digest/feeds/simhash.js";

const WIRE =
  "El Consejo Nacional Electoral de Venezuela anunció este martes que las elecciones regionales se celebrarán el próximo 25 de mayo, " +
  "tras una reunión con representantes de los partidos políticos. La presidenta del organismo explicó que el cronograma incluye la " +
  "actualización del registro electoral durante tres semanas y una auditoría de las máquinas de votación. Varios dirigentes de la " +
  "oposición pidieron garantías para la observación internacional y criticaron que el plazo para inscribir candidaturas sea de solo " +
  "cinco días. El gobierno celebró el anuncio y llamó a la participación masiva.";

// Another outlet's own report of the same event: same facts, its own words.
const REWRITE =
  "Las autoridades electorales venezolanas fijaron para el 25 de mayo los comicios regionales. Según el calendario presentado en " +
  "Caracas, el registro de votantes se abrirá durante tres semanas y habrá una revisión técnica de los equipos. La oposición reclama " +
  "observadores internacionales y considera insuficientes los cinco días previstos para postular candidatos, mientras el oficialismo " +
  "pidió a los ciudadanos acudir a votar.";

const UNRELATED =
  "La producción petrolera de Venezuela subió en enero hasta su nivel más alto en cinco años, según cifras de la OPEP publicadas este " +
  "miércoles. El aumento se atribuye a las licencias otorgadas por Estados Unidos a empresas extranjeras que operan en la Faja del " +
  "Orinoco, aunque los analistas advierten que la infraestructura sigue deteriorada.";

const distance = (a: string, b: string) => hammingDistance(simhash64(a), simhash64(b));

describe("simhash64", () => {
  it("gives 16 hex digits, the same for the same text", () => {
    expect(simhash64(WIRE)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash64(WIRE)).toBe(simhash64(WIRE));
  });

  it("ignores case, accents and punctuation", () => {
    expect(simhash64("Anunció la ELECCIÓN, en Mérida!")).toBe(simhash64("anuncio la eleccion en merida"));
  });

  it("gives a fingerprint to texts shorter than one shingle, and zeros to empty text", () => {
    expect(simhash64("Caracas")).not.toBe("0000000000000000");
    expect(simhash64("  ")).toBe("0000000000000000");
  });

  it("keeps a syndicated copy with a dateline added within ten bits", () => {
    expect(distance(WIRE, `CARACAS (Agencias) — ${WIRE}`)).toBeLessThanOrEqual(10);
  });

  it("keeps a copy with one word changed within ten bits", () => {
    expect(distance(WIRE, WIRE.replace("tres semanas", "cuatro semanas"))).toBeLessThanOrEqual(10);
  });

  it("counts a copy with both a dateline and a changed word as a near duplicate", () => {
    const copy = `CARACAS, 4 feb (EFE) - ${WIRE.replace("masiva", "amplia")}`;
    expect(distance(WIRE, copy)).toBeLessThanOrEqual(NEAR_DUPLICATE_BITS);
  });

  it("keeps another outlet's report of the same event at least twenty bits away", () => {
    expect(distance(WIRE, REWRITE)).toBeGreaterThanOrEqual(20);
  });

  it("keeps an unrelated story at least twenty bits away", () => {
    expect(distance(WIRE, UNRELATED)).toBeGreaterThanOrEqual(20);
  });
});

describe("hammingDistance", () => {
  it("counts the bits that differ", () => {
    expect(hammingDistance("0000000000000000", "0000000000000000")).toBe(0);
    expect(hammingDistance("0000000000000000", "000000000000000f")).toBe(4);
    expect(hammingDistance("8000000000000001", "0000000000000000")).toBe(2);
    expect(hammingDistance("ffffffffffffffff", "0000000000000000")).toBe(64);
  });

  it("rejects strings that are not 16 hex digits", () => {
    expect(() => hammingDistance("xyz", "0000000000000000")).toThrow(RangeError);
  });
});
