import { describe, expect, it } from "vitest";
import { outletName, provisionalOutlet } from "../../../src/digest/feeds/outlet-name.js";

describe("the outlet a feed is from", () => {
  it("is the part of the channel title the site's address spells, wherever the section name sits", () => {
    expect(outletName("World news | The Northgate Post", "https://www.northgatepost.co.uk/world")).toBe(
      "The Northgate Post",
    );
    expect(outletName("Posta Austral – El Mundo", "https://www.postaaustral.com.ar/el-mundo/")).toBe("Posta Austral");
    expect(outletName("La Crónica del Pacífico - Portada", "https://www.cronicadelpacifico.ec/")).toBe(
      "La Crónica del Pacífico",
    );
    expect(outletName("The Meridian Ledger > World > Americas", "https://www.meridianledger.com/world")).toBe(
      "The Meridian Ledger",
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
