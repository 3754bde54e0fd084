import { messagesFor } from "../i18n/messages-for.js";
import type { Lang } from "../model.js";
import type { Reply } from "../summaries/views.js";

/** The longest question Hilo reads, in UTF-16 units as Telegram counts them (a message holds up to 4,096). */
export const MAX_QUESTION_CHARS = 4_000;

/** How a question reached the core: typed as is, or after `/ask`, whose example then shows the command. */
export type AskedAs = "question" | "command";

/**
 * The polite reply to a question that cannot be searched (empty, only punctuation or emoji, or too long), decided
 * before any search runs; undefined for a question worth searching.
 */
export function screenQuestion(question: string, lang: Lang, askedAs: AskedAs = "question"): Reply | undefined {
  const m = messagesFor(lang);
  // Measured before trimming so a huge paste costs one length check, not a copy.
  if (question.length > MAX_QUESTION_CHARS && question.trim().length > MAX_QUESTION_CHARS)
    return { kind: "error", text: m.questionTooLong };
  if (!/[\p{L}\p{N}]/u.test(question))
    return { kind: "error", text: askedAs === "command" ? m.askMissing : m.questionEmpty };
  return undefined;
}
