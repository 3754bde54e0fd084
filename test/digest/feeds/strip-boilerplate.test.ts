import { describe, expect, it } from "vitest";
import { stripBoilerplate } from "../../../src/digest/feeds/strip-boilerplate.js";

describe("stripBoilerplate", () => {
  it("removes kickers, pointers, follow prompts and copyright lines around the text", () => {
    const [text] = stripBoilerplate([
      "Política | Diplomacia\nEl gobierno rompió relaciones con su vecino.\nLea también: Otra noticia sin relación\nSíguenos en redes\n© 2024 Diario Ejemplo. Todos los derechos reservados.",
    ]);
    expect(text).toBe("El gobierno rompió relaciones con su vecino.");
  });

  it("removes a wire dateline, a wire credit and a photo credit closing a line", () => {
    const [text] = stripBoilerplate([
      "QUITO, April 5 (Agencia Andina) - Police entered the embassy. (Reporting by Ana Ruiz)\nThe minister spoke. (Photo: Agencia Andina)",
    ]);
    expect(text).toBe("Police entered the embassy.\nThe minister spoke.");
  });

  it("removes a caption the feed repeats under many items, once its credit is read off", () => {
    const items = [
      "Primera noticia del día.",
      "Segunda noticia del día.",
      "Tercera noticia del día.",
      "Cuarta noticia del día.",
    ].map((body) => `Imagen ilustrativa. (Foto: Agencia Andina)\n${body}`);
    expect(stripBoilerplate(items)).toEqual([
      "Primera noticia del día.",
      "Segunda noticia del día.",
      "Tercera noticia del día.",
      "Cuarta noticia del día.",
    ]);
  });

  it("keeps the text of a single item whole", () => {
    expect(stripBoilerplate(["El canciller viajó a La Haya. La audiencia empieza el martes."])).toEqual([
      "El canciller viajó a La Haya. La audiencia empieza el martes.",
    ]);
  });
});
