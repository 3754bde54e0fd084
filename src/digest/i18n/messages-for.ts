import type { Lang } from "../model.js";
import { en } from "./en.js";
import { es } from "./es.js";
import type { Messages } from "./messages.js";

const BY_LANG: Record<Lang, Messages> = { es, en };

/** The messages for a chat's language. */
export function messagesFor(lang: Lang): Messages {
  return BY_LANG[lang];
}
