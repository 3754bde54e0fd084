import { describe, expect, it } from "vitest";
import { outletName, provisionalOutlet } from "../../../src/digest/feeds/outlet-name.js";

describe("the outlet a feed is from", () => {
  it("is the part of the channel title the site's address spells, wherever the section name sits", () => {
    expect(outletName("World news | The Harbor Post", "https://www.harborpost.co.uk/world")).toBe("The Harbor Post");
    expect(outletName("Diario Llanero – El Mundo", "https://www.diariollanero.com.ar/el-mundo/")).toBe(
      "Diario Llanero",
    );
    expect(outletName("La Gaceta del Llano - Portada", "https://www.gacetadelllano.ec/")).toBe("La Gaceta del Llano");
    expect(outletName("The Harbor Ledger > World > Americas", "https://www.harborledger.com/world")).toBe(
      "The Harbor Ledger",
    );
  });

  it("is the first part when the address spells none, and the whole title when it has one part", () => {
    expect(outletName("Heraldo | Mundo", "https://example.org/")).toBe("Heraldo");
    expect(outletName("Heraldo | Mundo", undefined)).toBe("Heraldo");
    expect(outletName("Diario del Caribe", "https://caribe.example.org")).toBe("Diario del Caribe");
    // A hyphen inside a name is not a separator.
    expect(outletName("Latin-American Wire", undefined)).toBe("Latin-American Wire");
  });

  it("is the site's host, or the file's name, until the channel title is read", () => {
    expect(provisionalOutlet("https://www.example.org/rss/world.xml")).toBe("example.org");
    expect(provisionalOutlet("/tmp/feeds/northgate.rdf")).toBe("northgate.rdf");
  });
});
