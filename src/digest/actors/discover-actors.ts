/** One place a name outside the registry was written, as the discovery reads it back. */
export interface NameSighting {
  /** Folded words: the key under which spellings of one name meet ("fernando villavicencio"). */
  key: string;
  /** As written: "Fernando Villavicencio". */
  form: string;
  articleId: string;
  publisher: string;
  publishedAt: number;
  /** A title or office stood before it ("el presidente …", "la ministra …"): a person. */
  personHint: boolean;
  /** Only seen opening a sentence in that report: it counts once the name is seen written as a name elsewhere. */
  initial?: boolean;
}

/** A person or organisation the news keeps naming that the story pack does not know. */
export interface DiscoveredActor {
  /** Stable: "found-" and the key's words ("found-fernando-villavicencio"). */
  id: string;
  /** The most written full form. */
  name: string;
  kind: "person" | "organisation";
  /** Every form it was written in, the name first; a lone surname merged into a full name is one of them. */
  forms: string[];
  /** The name keys it stands for (a full name and its surname). */
  keys: string[];
  articles: number;
  publishers: number;
  firstSeen: number;
  lastSeen: number;
}

export interface DiscoveryOptions {
  /** Outlets that must name it: one outlet's habit is not news. */
  minPublishers: number;
  minArticles: number;
}

export const DISCOVERY_DEFAULTS: DiscoveryOptions = { minPublishers: 2, minArticles: 2 };

// Words that make a name an institution rather than a person, in both languages.
const ORGANISATION_WORDS = new Set(
  (
    "partido movimiento frente alianza consejo corte tribunal juzgado fiscalia servicio ministerio secretaria instituto " +
    "comision agencia banco asamblea congreso senado camara gobierno policia ejercito armada fuerza fuerzas universidad " +
    "empresa compania grupo union federacion organizacion oficina comite fundacion " +
    "party movement front alliance council court tribunal service ministry department institute commission agency bank " +
    "assembly congress senate chamber government police army navy force forces university company group union federation " +
    "organization organisation office committee foundation association"
  ).split(" "),
);

// Capitalised in Spanish news when they mean one institution ("la Cancillería", "el Gobierno"), yet common nouns:
// alone, they are never a discovered actor. Longer names that hold them ("Corte Nacional de Justicia") are.
const COMMON_INSTITUTIONS = new Set(
  (
    "gobierno estado presidencia cancilleria fiscalia corte justicia asamblea congreso senado camara ministerio policia " +
    "ejercito armada embajada consulado tribunal juzgado municipio alcaldia gobernacion parlamento administracion " +
    "government state presidency court justice assembly congress senate ministry police army navy embassy consulate " +
    "administration parliament republic republica nacion nation union " +
    // Portfolios, capitalised after "ministro de": "la ministra de Energía".
    "energia defensa interior economia salud educacion hacienda finanzas exteriores trabajo cultura ambiente transporte " +
    "energy defense defence interior economy health education finance treasury labor labour culture environment transport"
  ).split(" "),
);

/**
 * Names seen in at least `minPublishers` outlets and `minArticles` reports become discovered actors. A lone surname
 * joins the one full name that ends in it ("Villavicencio" → "Fernando Villavicencio"); with two such full names it
 * stands alone, as it cannot tell them apart. The kind is guessed: an institution's word or an acronym makes an
 * organisation, a title before it or a first name a person.
 */
export function discoverActors(
  sightings: readonly NameSighting[],
  options: DiscoveryOptions = DISCOVERY_DEFAULTS,
): DiscoveredActor[] {
  const named = new Set(sightings.filter((sighting) => !sighting.initial).map((sighting) => sighting.key));
  const surnames = new Set(
    [...named].filter((key) => key.includes(" ")).map((key) => key.slice(key.lastIndexOf(" ") + 1)),
  );
  const byKey = new Map<string, NameSighting[]>();
  for (const sighting of sightings) {
    // A sentence's capitalised first word counts only as a name written as one elsewhere, or a full name's surname.
    if (sighting.initial && !named.has(sighting.key) && !surnames.has(sighting.key)) continue;
    byKey.set(sighting.key, [...(byKey.get(sighting.key) ?? []), sighting]);
  }
  const fullNames = [...byKey.keys()].filter((key) => key.includes(" "));
  const groups = new Map<string, string[]>();
  for (const key of byKey.keys()) {
    const owners = key.includes(" ") ? [] : fullNames.filter((full) => full.endsWith(` ${key}`));
    const head = owners.length === 1 ? owners[0]! : key;
    groups.set(head, [...(groups.get(head) ?? []), key]);
  }
  const found: DiscoveredActor[] = [];
  for (const [head, keys] of groups) {
    if (COMMON_INSTITUTIONS.has(head) || /^[a-z]{1,2}$/.test(head)) continue;
    const seen = keys.flatMap((key) => byKey.get(key) ?? []);
    const articles = new Set(seen.map((sighting) => sighting.articleId));
    const publishers = new Set(seen.map((sighting) => sighting.publisher));
    if (articles.size < options.minArticles || publishers.size < options.minPublishers) continue;
    const forms = rankedForms(seen, head);
    found.push({
      id: `found-${head.replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`,
      name: forms[0]!,
      kind: guessKind(head, seen, keys.length > 1),
      forms,
      keys,
      articles: articles.size,
      publishers: publishers.size,
      firstSeen: Math.min(...seen.map((sighting) => sighting.publishedAt)),
      lastSeen: Math.max(...seen.map((sighting) => sighting.publishedAt)),
    });
  }
  return found.sort((a, b) => b.publishers - a.publishers || b.articles - a.articles || a.name.localeCompare(b.name));
}

/** Forms most written first, the full name's forms before a surname's. */
function rankedForms(seen: readonly NameSighting[], head: string): string[] {
  const counts = new Map<string, number>();
  for (const sighting of seen)
    counts.set(sighting.form, (counts.get(sighting.form) ?? 0) + (sighting.key === head ? 1000 : 1));
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([form]) => form);
}

function guessKind(head: string, seen: readonly NameSighting[], hasSurname: boolean): DiscoveredActor["kind"] {
  const words = head.split(" ");
  if (words.some((word) => ORGANISATION_WORDS.has(word))) return "organisation";
  if (seen.some((sighting) => sighting.personHint) || hasSurname) return "person";
  // An acronym ("SNAI", "INE") or a single word nobody titled is an institution or a company ("Morena", "Stellantis").
  if (words.length === 1 || seen.every((sighting) => /^[\p{Lu}\d.&-]+$/u.test(sighting.form))) return "organisation";
  return "person";
}
