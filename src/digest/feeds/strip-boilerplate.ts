import { foldText } from "../text/fold-text.js";

// Labels that, followed by a colon, introduce a pointer, a credit or a prompt rather than the article's own text.
const LABELLED = [
  "lea tambi[eé]n",
  "lee tambi[eé]n",
  "te puede interesar",
  "te recomendamos",
  "le puede interesar",
  "puede interesarte",
  "m[aá]s informaci[oó]n",
  "noticias relacionadas",
  "relacionad[oa]s?",
  "read more",
  "read also",
  "also read",
  "related",
  "recommended",
  "see also",
  "more on this story",
  "compartir",
  "comparte",
  "share( this)?",
  "foto(grafía)?s?",
  "imagen",
  "photos?",
  "pictures?",
  "images?",
  "credits?",
  "cr[eé]ditos?",
  "fuente de la imagen",
  "video",
];
// Openings that are furniture whatever follows: copyright, follow prompts, wire credits, WordPress's "The post …".
const FURNITURE_OPENINGS = [
  "©",
  "\\(c\\)",
  "copyright",
  "todos los derechos reservados",
  "all rights reserved",
  "s[ií]guenos en",
  "s[ií]guenos",
  "follow us on",
  "suscr[ií]bete",
  "subscribe to",
  "\\(?reporting by",
  "\\(?información de",
  "\\(?informacion de",
  "\\(?editing by",
  "editado por",
  "the post .+ appeared first on",
  "continue reading",
  "sigue leyendo",
];
const FURNITURE_LINE = new RegExp(`^(?:(?:${LABELLED.join("|")})\\s*[:：]|(?:${FURNITURE_OPENINGS.join("|")}))`, "i");
// Credits and pointers at the end of a line that holds text too.
const TRAILING_FURNITURE = [
  /\s*\((?:reporting|additional reporting|writing|información|informacion|redacción|redaccion)\b[^()]{0,160}\)\s*$/i,
  /\s*(?:continue reading|sigue leyendo|seguir leyendo|read more|leer más|leer mas) (?:at|en|on)\b.{0,80}$/i,
  /\s*the post .{1,240} appeared first on .{1,80}$/i,
  // A photo credit closing a caption left in the text: "Imagen ilustrativa. (Foto: Agencia Andina)".
  /\s*\((?:fotos?|photos?|imagen|image|cr[eé]ditos?|credits?)\s*:[^()]{1,80}\)\s*$/i,
];
// "QUITO, April 5 (Agencia Andina) -", "LA HAYA, 23 may (…) -", "MANAGUA, Nicaragua —": where the wire filed from.
const DATELINE = /^[\p{Lu}][\p{Lu}\p{M} .'-]{1,40}(?:,[^\n—–-]{1,40})?(?:\s*\([^()\n]{2,40}\))?\s*[-—–]+\s+/u;
// A section kicker: a few words with a separator, alone on a line ("Política | Diplomacia", "MUNDO ·").
const KICKER = /^[^.!?\n]{1,60}\s[|·»]\s?[^.!?\n]{0,60}$|^[\p{Lu}\s]{3,30}[|·»]\s*$/u;
const MAX_KICKER_WORDS = 6;

/**
 * The articles of one feed document without their page furniture: section kickers, "Lea también …" and "Read more"
 * pointers, share and follow prompts, photo credits, copyright footers, wire credits and datelines, plus any line
 * the document repeats across items (a footer learned from the feed itself). Titles are kept as they are.
 */
export function stripBoilerplate(texts: readonly string[]): string[] {
  const repeated = repeatedLines(texts);
  return texts.map((text) => {
    const lines = text
      .split("\n")
      .map((line) => trimTrailing(line.trim()))
      .filter((line) => line !== "");
    const kept = lines.filter((line, index) => !isFurniture(line, index, lines.length, repeated));
    if (kept.length > 0) kept[0] = kept[0]!.replace(DATELINE, "");
    return kept.join("\n").trim();
  });
}

function isFurniture(line: string, index: number, lines: number, repeated: ReadonlySet<string>): boolean {
  if (FURNITURE_LINE.test(line) || repeated.has(lineKey(line))) return true;
  // Kickers open an item; deeper down, a short line with a bar is more likely text.
  if (index > 1) return false;
  const words = line.split(/\s+/).length;
  if (KICKER.test(line) && words <= MAX_KICKER_WORDS) return true;
  // A section name alone on the first line, above the text: "Internacional", "El Mundo".
  return index === 0 && lines > 1 && words <= 3 && !/[.!?:;,"'«»“”]/.test(line);
}

function trimTrailing(line: string): string {
  let out = line;
  for (const pattern of TRAILING_FURNITURE) out = out.replace(pattern, "");
  return out.trim();
}

/** Lines found in at least two items and at least a quarter of them: what the feed prints around every article. */
function repeatedLines(texts: readonly string[]): Set<string> {
  if (texts.length < 3) return new Set();
  const counts = new Map<string, number>();
  for (const text of texts) {
    // Read as kept lines are, after their trailing credits go, so the two are compared alike.
    for (const key of new Set(text.split("\n").map((line) => lineKey(trimTrailing(line.trim()))))) {
      if (key.length >= 8) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const needed = Math.max(2, Math.ceil(texts.length / 4));
  return new Set([...counts].filter(([, count]) => count >= needed).map(([key]) => key));
}

function lineKey(line: string): string {
  return foldText(line.trim()).replace(/\d+/g, "0");
}
