/**
 * A small rich-text model for Telegram's HTML parse mode: text is kept apart from markup until the last step,
 * so every string is escaped exactly once and sizes are measured as Telegram measures them.
 */

/** A run of text with the formatting Hilo uses. `href` is trusted to be http(s) by the caller. */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
  href?: string;
}

/** Lines that belong together and are never split across two messages (a digest item, a list entry). */
export interface Block {
  lines: readonly (readonly Span[])[];
  /** A blank line before the block rather than a line break. */
  paragraph: boolean;
  /** Inline buttons for this block; they travel with it into whichever message holds it. */
  buttons?: readonly { text: string; callbackData: string }[] | undefined;
}

/** What one Telegram message may hold. */
export interface MessageLimits {
  /** UTF-16 code units of text after the markup is parsed (JS string length), as Telegram counts them. */
  chars: number;
  entities: number;
  buttons: number;
}

/** Telegram's limits for one text message. */
export const TELEGRAM_LIMITS: MessageLimits = { chars: 4096, entities: 100, buttons: 100 };

const ELLIPSIS = "…";

/** Escapes text for Telegram HTML: the three characters it parses, and `"` for attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A span's HTML. */
export function spanHtml(span: Span): string {
  // An empty tag makes no entity, and Telegram rejects some empty ones; an empty span is simply left out.
  if (span.text === "") return "";
  let html = escapeHtml(span.text);
  if (span.href !== undefined) html = `<a href="${escapeHtml(span.href)}">${html}</a>`;
  if (span.italic) html = `<i>${html}</i>`;
  if (span.bold) html = `<b>${html}</b>`;
  return html;
}

/** The HTML of blocks laid out as one message. */
export function blocksHtml(blocks: readonly Block[]): string {
  return blocks
    .map(
      (block, i) =>
        (i === 0 ? "" : block.paragraph ? "\n\n" : "\n") +
        block.lines.map((line) => line.map(spanHtml).join("")).join("\n"),
    )
    .join("");
}

// Telegram also turns bare URLs, @mentions, #hashtags, /commands and e-mail addresses into entities, and they
// count towards the limit like tags do; this over-counts a little (e.g. a "/" inside a word) rather than under.
// Every alternative starts at a fixed character, so a 4096-character word costs one pass, not a quadratic backtrack.
const AUTO_ENTITY = /(?:https?:\/\/|www\.)\S+|(?:^|[\s(])[/@#$][\p{L}\p{N}_]+|(?<=\S)@[\p{L}\p{N}_-]+\.\p{L}{2,}/gu;

function spanEntities(span: Span): number {
  if (span.text === "") return 0;
  const tags = (span.bold ? 1 : 0) + (span.italic ? 1 : 0) + (span.href !== undefined ? 1 : 0);
  return tags + (span.text.match(AUTO_ENTITY)?.length ?? 0);
}

/** Visible length and entity count of blocks laid out as one message. */
export function measure(blocks: readonly Block[]): { chars: number; entities: number } {
  let chars = 0;
  let entities = 0;
  blocks.forEach((block, i) => {
    if (i > 0) chars += block.paragraph ? 2 : 1;
    block.lines.forEach((line, j) => {
      if (j > 0) chars += 1;
      for (const span of line) {
        chars += span.text.length;
        entities += spanEntities(span);
      }
    });
  });
  return { chars, entities };
}

/**
 * Groups blocks into messages, in order, each within the limits; a block never straddles two messages.
 * A block too big for a message of its own is cut short with "…".
 */
export function packBlocks(blocks: readonly Block[], limits: MessageLimits = TELEGRAM_LIMITS): Block[][] {
  const messages: Block[][] = [];
  let current: Block[] = [];
  let buttons = 0;
  for (const original of blocks) {
    const block = fitBlock(original, limits);
    const count = block.buttons?.length ?? 0;
    const candidate = [...current, block];
    const size = measure(candidate);
    if (
      current.length > 0 &&
      (size.chars > limits.chars || size.entities > limits.entities || buttons + count > limits.buttons)
    ) {
      messages.push(current);
      current = [{ ...block, paragraph: false }];
      buttons = count;
    } else {
      current = candidate;
      buttons += count;
    }
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/** The block itself when it fits a message alone, else its beginning and "…". */
export function fitBlock(block: Block, limits: MessageLimits = TELEGRAM_LIMITS): Block {
  const alone = { ...block, paragraph: false };
  const size = measure([alone]);
  const buttons = block.buttons?.slice(0, limits.buttons);
  if (size.chars <= limits.chars && size.entities <= limits.entities) return { ...block, buttons };

  // Keep whole spans while they fit, then as much of the next one as fits, leaving room for the ellipsis.
  const room = limits.chars - ELLIPSIS.length;
  const lines: Span[][] = [];
  let chars = 0;
  let entities = 0;
  outer: for (const [j, line] of block.lines.entries()) {
    if (j > 0) {
      if (chars + 1 > room) break;
      chars += 1;
    }
    const kept: Span[] = [];
    lines.push(kept);
    for (const span of line) {
      const spanChars = span.text.length;
      const spanEnts = spanEntities(span);
      if (chars + spanChars <= room && entities + spanEnts <= limits.entities) {
        kept.push(span);
        chars += spanChars;
        entities += spanEnts;
        continue;
      }
      const cut = cutSpan(span, room - chars, limits.entities - entities);
      if (cut) kept.push(cut);
      break outer;
    }
  }
  const last = lines.at(-1);
  if (last) last.push({ text: ELLIPSIS });
  else lines.push([{ text: ELLIPSIS }]);
  return { lines, paragraph: block.paragraph, buttons };
}

/** The longest beginning of a span that fits the room left, without splitting a surrogate pair. */
function cutSpan(span: Span, chars: number, entities: number): Span | undefined {
  if (chars <= 0 || entities < 0) return undefined;
  let text = span.text.slice(0, chars);
  if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  // Auto-detected entities can still overflow a short cut; halve until they fit (at most ~12 rounds for 4096).
  while (text.length > 0 && spanEntities({ ...span, text }) > entities)
    text = text.slice(0, Math.floor(text.length / 2));
  return text.length > 0 ? { ...span, text } : undefined;
}
