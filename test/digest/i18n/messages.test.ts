import { describe, expect, it } from "vitest";
import { en } from "../../../src/digest/i18n/en.js";
import { es } from "../../../src/digest/i18n/es.js";

function shape(value: unknown): unknown {
  if (typeof value === "function") return "function";
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .map(([key, inner]) => [key, shape(inner)])
        .sort(),
    );
  }
  return typeof value;
}

describe("messages in Spanish and English", () => {
  it("have the same keys, so no reply exists in only one language", () => {
    expect(shape(es)).toEqual(shape(en));
  });

  it("agree in number: one outlet, several outlets", () => {
    expect(es.publishers(1, 0)).toBe("1 medio");
    expect(es.publishers(5, 2)).toBe("5 medios, 2 nuevos desde el último resumen");
    expect(en.publishers(1, 0)).toBe("1 outlet");
    expect(en.publishers(7, 0)).toBe("7 outlets");
  });
});
