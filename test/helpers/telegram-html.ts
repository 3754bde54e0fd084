/**
 * What Telegram checks in a sendMessage and telegram-test-api does not: its HTML, its size in UTF-16 units and
 * entities, its buttons. Test code: the emulator's proxy uses it to refuse what Telegram would.
 */

/**
 * Telegram's HTML parse mode, strictly: only its tags, every tag closed, only &lt; &gt; &amp; &quot; and numeric
 * entities, no bare < > &. Returns the visible text and the entity count (tags plus auto-linked URLs).
 */
export function parseTelegramHtml(html: string): { visible: string; entities: number; problem?: string } {
  const TAGS = new Set([
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "span",
    "tg-spoiler",
    "blockquote",
  ]);
  const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
  const open: string[] = [];
  let visible = "";
  let entities = 0;
  for (let i = 0; i < html.length; ) {
    const c = html[i]!;
    if (c === "<") {
      const end = html.indexOf(">", i);
      if (end < 0) return { visible, entities, problem: `unclosed tag at byte offset ${i}` };
      const tag = html.slice(i + 1, end);
      if (tag.startsWith("/")) {
        const name = tag.slice(1).trim().toLowerCase();
        if (open.pop() !== name) return { visible, entities, problem: `unmatched end tag "${name}"` };
      } else {
        const name = (/^[a-z-]+/i.exec(tag)?.[0] ?? "").toLowerCase();
        if (!TAGS.has(name)) return { visible, entities, problem: `unsupported start tag "${name}"` };
        if (name === "a" && !/^a href="[^"<>]*"$/.test(tag))
          return { visible, entities, problem: `bad link tag <${tag}>` };
        open.push(name);
        entities += 1;
      }
      i = end + 1;
    } else if (c === "&") {
      const entity = /^&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/i.exec(html.slice(i, i + 12));
      const name = entity?.[1];
      if (!name) return { visible, entities, problem: `bare "&" at byte offset ${i}` };
      if (name.startsWith("#")) {
        visible += String.fromCodePoint(
          name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10),
        );
      } else if (NAMED[name]) {
        visible += NAMED[name];
      } else {
        return { visible, entities, problem: `unsupported entity "&${name};"` };
      }
      i += entity[0].length;
    } else if (c === ">") {
      return { visible, entities, problem: `bare ">" at byte offset ${i}` };
    } else {
      visible += c;
      i += 1;
    }
  }
  if (open.length > 0)
    return { visible, entities, problem: `can't find end tag corresponding to start tag "${open.at(-1)}"` };
  return { visible, entities: entities + (visible.match(/https?:\/\/\S+/g)?.length ?? 0) };
}

/** Why Telegram would refuse this sendMessage, or undefined. */
export function checkSendMessage(payload: Record<string, any>): string | undefined {
  const text = String(payload.text ?? "");
  const parsed = payload.parse_mode === "HTML" ? parseTelegramHtml(text) : { visible: text, entities: 0 };
  if ("problem" in parsed && parsed.problem) return `can't parse entities: ${parsed.problem}`;
  if (parsed.visible.trim() === "") return "message text is empty";
  if (parsed.visible.length > 4096) return "message is too long";
  if (parsed.entities > 100) return "too many entities";
  const rows: { text?: string; callback_data?: string }[][] = payload.reply_markup?.inline_keyboard ?? [];
  for (const button of rows.flat()) {
    if (!button.text) return "BUTTON_TEXT_EMPTY";
    if (button.callback_data !== undefined && Buffer.byteLength(button.callback_data) > 64)
      return "BUTTON_DATA_INVALID";
  }
  return undefined;
}
