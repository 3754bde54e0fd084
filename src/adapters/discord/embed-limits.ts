import type { APIEmbed } from "discord.js";

/**
 * Discord's limits on one message, in UTF-16 units (JS string length), which is how Discord counts; a message
 * over any of them is refused whole, so the renderer keeps every text within them.
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  /** Title, description, field names and values, footer and author name of all the message's embeds together. */
  totalPerMessage: 6000,
  threadName: 100,
} as const;

const ELLIPSIS = "…";

/**
 * The text itself when it is at most `max` units long, else its beginning cut after a word and ended with "…".
 * A word longer than half the room is cut inside, but never between the two halves of a surrogate pair.
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < ELLIPSIS.length) return "";
  let head = text.slice(0, max - ELLIPSIS.length);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  const endsOnWord = /\s/.test(text.charAt(head.length));
  if (!endsOnWord) {
    const lastSpace = head.search(/\s\S*$/);
    if (lastSpace >= head.length / 2) head = head.slice(0, lastSpace);
  }
  return head.trimEnd() + ELLIPSIS;
}

/**
 * `raw` prepared for display by `prepare` (an escaper), at most `max` units long once prepared. The cut is made
 * on the raw text, so an escape sequence is never split in half; escaping only lengthens text, so each round
 * shortens the cut by the overshoot until it fits.
 */
export function fitText(raw: string, max: number, prepare: (text: string) => string): string {
  if (max <= 0) return "";
  let room = max;
  for (;;) {
    const fitted = prepare(cutText(raw, room));
    if (fitted.length <= max) return fitted;
    room -= fitted.length - max;
  }
}

/**
 * Whole parts joined by `separator` while they fit in `max`, ended with "…" when some are left out: for text
 * such as a line of links, where cutting inside a part would break its markup.
 */
export function joinWithin(parts: readonly string[], separator: string, max: number): string {
  let joined = "";
  for (const [i, part] of parts.entries()) {
    const next = i === 0 ? part : `${joined}${separator}${part}`;
    // Room for the "…" that would follow, should a later part not fit.
    const reserve = i === parts.length - 1 ? 0 : separator.length + ELLIPSIS.length;
    if (next.length + reserve > max) {
      return i === 0 ? ELLIPSIS : `${joined}${separator}${ELLIPSIS}`;
    }
    joined = next;
  }
  return joined;
}

/** The characters of an embed that count towards the 6,000 a message may hold. */
function embedTextLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    fields
  );
}

/** One line (or a few that belong together) of an embed description, already escaped. */
export interface DescriptionLine {
  text: string;
  /** A blank line before it rather than a line break. */
  paragraph?: boolean;
}

/**
 * Lines gathered into descriptions of at most `max` units, in order, a new description starting between lines,
 * never inside one. A line longer than `max` on its own (the caller keeps them shorter) is cut as a last resort.
 */
export function packLines(lines: readonly DescriptionLine[], max: number = DISCORD_LIMITS.description): string[] {
  const descriptions: string[] = [];
  let current = "";
  for (const line of lines) {
    const text = cutText(line.text, max);
    const joined = current === "" ? text : `${current}${line.paragraph ? "\n\n" : "\n"}${text}`;
    if (current !== "" && joined.length > max) {
      descriptions.push(current);
      current = text;
    } else {
      current = joined;
    }
  }
  if (current !== "") descriptions.push(current);
  return descriptions;
}

/** A message before the renderer adds what every message carries (allowed_mentions). */
export interface MessageDraft {
  content?: string;
  embeds: APIEmbed[];
}

/**
 * Embeds gathered into messages in order, each message within 10 embeds and 6,000 characters; `content`
 * opens the first. Each embed and the content must already fit on their own: packing never cuts an embed,
 * and cuts the content only as a last resort.
 */
export function packEmbeds(embeds: readonly APIEmbed[], content?: string): MessageDraft[] {
  const messages: MessageDraft[] = [];
  let current: MessageDraft = content
    ? { content: cutText(content, DISCORD_LIMITS.content), embeds: [] }
    : { embeds: [] };
  let total = 0;
  for (const embed of embeds) {
    const size = embedTextLength(embed);
    const full =
      current.embeds.length >= DISCORD_LIMITS.embedsPerMessage || total + size > DISCORD_LIMITS.totalPerMessage;
    if (current.embeds.length > 0 && full) {
      messages.push(current);
      current = { embeds: [] };
      total = 0;
    }
    current.embeds.push(embed);
    total += size;
  }
  if (current.content !== undefined || current.embeds.length > 0) messages.push(current);
  return messages;
}
