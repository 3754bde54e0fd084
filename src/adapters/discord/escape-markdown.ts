/**
 * Making the core's text safe to show on Discord: every headline, summary and outlet name is shown exactly as
 * written, never read as markdown, a mention or a link the feed did not mean.
 *
 * We escape ourselves rather than call @discordjs/formatters' `escapeMarkdown`: that one is tuned for text a
 * user typed, so it leaves alone what it guesses is intentional (anything inside a URL, a lone `|` or `~`,
 * `>` quotes, `<@…>` mentions, and headings and lists unless asked). Feed text is never intentional markdown,
 * so the rule here is simpler and stricter: every character that can start markup gets a backslash, which
 * Discord accepts before any punctuation and hides when it renders.
 */

// Characters that open markup anywhere in a line: emphasis, code, spoilers, masked links, block quotes, and
// the <…> forms behind user, role and channel mentions, timestamps and custom emoji. Escaping both < and >
// also means the text never holds a literal `<@123>` that something downstream could still treat as a mention.
// Parentheses are left alone: they only mean something right after a `]`, and every `]` is escaped.
const INLINE_MARKUP = /[\\*_~`|[\]<>]/g;

// Markers that only count at the start of a line: headings and subtext (#, -#), lists (-, +) and numbered lists (1.).
const LINE_START_MARKER = /^([ \t]*)([#+-]|\d+\.)/gm;

// @everyone and @here are recognised without any markup; a zero-width space after the @ keeps them as text.
const MASS_MENTION = /@(everyone|here)/gi;
const ZERO_WIDTH_SPACE = "\u200B";

/** Text for a field Discord renders as markdown (content, embed title, description, field): shown literally. */
export function escapeMarkdown(text: string): string {
  return defuseMassMentions(text)
    .replace(INLINE_MARKUP, "\\$&")
    .replace(LINE_START_MARKER, (_, indent: string, marker: string) =>
      marker.endsWith(".") ? `${indent}${marker.slice(0, -1)}\\.` : `${indent}\\${marker}`,
    );
}

/**
 * Text for a field Discord shows as plain text (embed footer, author name): markdown is not parsed there, so a
 * backslash would show, but mention-looking text is still defused in case a client ever renders it.
 */
export function plainText(text: string): string {
  return defuseMassMentions(text).replace(/<(?=[@#])/g, `<${ZERO_WIDTH_SPACE}`);
}

function defuseMassMentions(text: string): string {
  return text.replace(MASS_MENTION, `@${ZERO_WIDTH_SPACE}$1`);
}

/**
 * The URL when it is an absolute http(s) URL, normalised, with the characters a URL may not hold raw
 * percent-encoded (the parser leaves some of them in queries); javascript:, data:, relative and broken ones
 * give undefined.
 */
export function httpUrl(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  return percentEncode(parsed.href, /[\s\\<>"{}|^`]/g);
}

/**
 * `[label](url)` when the URL is http(s), else the label alone. Parentheses in the URL are percent-encoded too,
 * since one would end the link's target early; whitespace and backslashes, which make Discord give up on the
 * link, are already encoded by `httpUrl`.
 */
export function maskedLink(label: string, url: string): string {
  // A line break would end the link text early, so the name is kept on one line.
  const text = escapeMarkdown(label.replace(/\s+/g, " ").trim());
  const href = httpUrl(url);
  if (href === undefined) return text;
  return `[${text}](${percentEncode(href, /[()]/g)})`;
}

function percentEncode(text: string, chars: RegExp): string {
  return text.replace(chars, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}
