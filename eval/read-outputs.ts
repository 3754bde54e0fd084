import type { Lang } from "../src/digest/model.js";
import type { Reply } from "../src/digest/summaries/views.js";
import { detectLanguage } from "../src/digest/text/detect-language.js";

/** One thing a reader would object to in a reply: where it is, and the text. */
export interface OutputFlaw {
  command: string;
  /** The reply's field the text is in ("summary", "headline", "text"…). */
  field: string;
  text: string;
}

/** What a reader finds wrong across the replies to a set of commands (see readOutputs). */
export interface OutputReading {
  replies: number;
  /** Page furniture left in: "Lea también", "Read more", copyright, follow prompts, wire credits, photo credits, kickers. */
  boilerplate: OutputFlaw[];
  /** A sentence cut short ("…") or a summary that does not end a sentence. */
  cutSentences: OutputFlaw[];
  /** A headline or summary in the other language than the chat's without its language tag ("[EN] …"). */
  untaggedLanguage: OutputFlaw[];
}

// Furniture in either language, as a reader would spot it wherever it shows.
const FURNITURE =
  /\b(?:lea tambi[eé]n|lee tambi[eé]n|te puede interesar|te recomendamos|noticias relacionadas|read more|read also|also read|related:|s[ií]guenos|follow us|suscr[ií]bete|subscribe to|todos los derechos reservados|all rights reserved|copyright|reporting by|editing by|información de|foto:|fotos?:|photos?:|image:|imagen:|cr[eé]dito:|credit:|getty images|appeared first on|sigue leyendo|continue reading)|©/iu;
// A section kicker left at the start of a headline or summary: "Política | …", "MUNDO · …".
const KICKER = /^[^.!?|·»]{1,40}\s[|·»]\s/u;
// Fields whose text is prose a reader reads as sentences.
const PROSE_FIELDS = new Set(["summary", "whatIsNew", "text", "profile"]);
// Fields that are the core's own wording (labels, headers), not text taken from reports.
const UI_FIELDS = new Set([
  "omitted",
  "header",
  "title",
  "question",
  "label",
  "statusLabel",
  "publishersLabel",
  "emptyNote",
  "seenWith",
  "nearestTitle",
  "date",
  "url",
  "role",
  "languageTag",
  "intro",
  "empty",
  "stateLabel",
  "detail",
  "error",
  "note",
  "command",
]);

/**
 * Reads the replies to commands as a subscriber would and lists what is wrong with them: boilerplate, cut sentences,
 * and headlines or summaries in the other language without their tag. Replies are read as the JSON a script sees
 * (`--json`), field by field, so the check does not depend on any platform's layout.
 */
export function readOutputs(
  replies: readonly { command: string; reply: Reply | undefined }[],
  chatLang: Lang,
): OutputReading {
  const reading: OutputReading = { replies: 0, boilerplate: [], cutSentences: [], untaggedLanguage: [] };
  for (const { command, reply } of replies) {
    if (!reply || reply.kind === "error" || reply.kind === "choices") continue;
    reading.replies += 1;
    for (const { field, text } of strings(reply, "")) {
      if (UI_FIELDS.has(field) || text.trim() === "") continue;
      if (FURNITURE.test(text) || ((field === "headline" || field === "summary") && KICKER.test(text)))
        reading.boilerplate.push({ command, field, text });
      if (field === "headline" || field === "lines" || PROSE_FIELDS.has(field)) {
        if (
          text.includes("…") ||
          /\.\.\.\s*$/.test(text) ||
          (PROSE_FIELDS.has(field) && !/[.!?]["'”’»)\]]*$/u.test(text.trim()))
        ) {
          reading.cutSentences.push({ command, field, text });
        }
      }
    }
    for (const item of objects(reply)) {
      const { headline, summary } = item as { headline?: unknown; summary?: unknown };
      if (typeof headline !== "string") continue;
      // A tagged headline says the item is in the other language: its summary may be too, never a third thing.
      if (TAGGED.test(headline)) continue;
      // A headline alone is too short to tell its language; with its summary it is not. Each is flagged when the
      // item reads as the other language and the part itself does not read as the chat's.
      const whole = typeof summary === "string" ? `${headline}. ${summary}` : headline;
      if (detectLanguage(whole, chatLang) === chatLang) continue;
      for (const [field, text] of [
        ["headline", headline],
        ["summary", summary],
      ] as const) {
        if (typeof text === "string" && text !== "" && detectLanguage(text, other(chatLang)) !== chatLang)
          reading.untaggedLanguage.push({ command, field, text });
      }
    }
  }
  return reading;
}

const TAGGED = /^\[(?:EN|ES)\] /;

const other = (lang: Lang): Lang => (lang === "es" ? "en" : "es");

/** Every object in a reply, nested ones included. */
function* objects(value: unknown): Generator<object> {
  if (Array.isArray(value)) for (const item of value) yield* objects(item);
  else if (value && typeof value === "object") {
    yield value;
    for (const item of Object.values(value)) yield* objects(item);
  }
}

/** Every string in a reply with the name of the field holding it (an array's items take the array's name). */
function* strings(value: unknown, field: string): Generator<{ field: string; text: string }> {
  if (typeof value === "string") yield { field, text: value };
  else if (Array.isArray(value)) for (const item of value) yield* strings(item, field);
  else if (value && typeof value === "object")
    for (const [key, item] of Object.entries(value)) yield* strings(item, key);
}
