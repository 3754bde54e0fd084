import type { InlineKeyboardMarkup, LinkPreviewOptions } from "grammy/types";
import type {
  ActorGroup,
  AnswerView,
  Choice,
  DevelopmentLine,
  DigestView,
  FeedLine,
  Lang,
  Reply,
  ReportsView,
  SourceLink,
} from "../../digest/index.js";
import { type Block, blocksHtml, type MessageLimits, packBlocks, type Span, TELEGRAM_LIMITS } from "./rich-text.js";
import { callbackData, commandCallbackData } from "./to-command.js";

/** One Telegram message, ready for sendMessage. */
export interface TelegramMessage {
  text: string;
  options: {
    parse_mode: "HTML";
    link_preview_options?: LinkPreviewOptions;
    reply_markup?: InlineKeyboardMarkup;
  };
}

// Button labels are the adapter's layout, like the emoji; every sentence of the story comes from the core.
const BUTTONS: Record<Lang, { sources: string; more: string }> = {
  es: { sources: "Fuentes", more: "Más" },
  en: { sources: "Sources", more: "More" },
};

type Button = { text: string; callbackData: string };

/**
 * A core Reply as Telegram messages in HTML, in order: long replies are split between blocks (a digest between
 * items), never inside one, so each message stays within 4096 characters and 100 entities. A question asked back
 * gets one button per choice under its first message, one per row.
 */
export function renderReply(reply: Reply, lang: Lang, limits: MessageLimits = TELEGRAM_LIMITS): TelegramMessage[] {
  const choices = reply.kind === "choices" ? splitChoices(reply.choices, limits) : { buttons: [], typed: [] };
  const blocks = toBlocks(reply, lang, choices.typed);
  // Digests carry several links per item; previews would show only the first outlet's card, which misleads.
  const noPreview =
    reply.kind === "digest" ||
    reply.kind === "developments" ||
    reply.kind === "actor" ||
    reply.kind === "answer" ||
    reply.kind === "reports";
  return packBlocks(blocks, limits).map((message, i) => {
    const rows = message.flatMap((block) => (block.buttons && block.buttons.length > 0 ? [block.buttons] : []));
    const buttons = i === 0 ? [...choices.buttons.map((button) => [button]), ...rows] : rows;
    return {
      text: blocksHtml(message),
      options: {
        parse_mode: "HTML",
        ...(noPreview ? { link_preview_options: { is_disabled: true } } : {}),
        ...(buttons.length > 0
          ? {
              reply_markup: {
                inline_keyboard: buttons.map((row) =>
                  row.map((b) => ({ text: b.text, callback_data: b.callbackData })),
                ),
              },
            }
          : {}),
      },
    };
  });
}

/** The reply's text as blocks; `typed` are the choices of a question that got no button. */
function toBlocks(reply: Reply, lang: Lang, typed: readonly Choice[]): Block[] {
  switch (reply.kind) {
    case "digest":
      return digestBlocks(reply.digest, lang);
    case "alert":
      return [alertBlock(reply.alert)];
    case "actor": {
      const { actor } = reply;
      return [
        block([[bold(actor.name), ...(actor.role ? [plain(` — ${actor.role}`)] : [])], [plain(actor.profile)]]),
        block([[bold(actor.developmentsTitle)]], true),
        ...(actor.emptyNote ? [block([[plain(actor.emptyNote)]])] : actor.developments.map(lineBlock)),
        ...(actor.seenWith ? [block([[italic(actor.seenWith)]], true)] : []),
      ];
    }
    case "developments":
      return [
        ...(reply.intro ? textBlocks(undefined, reply.intro.split("\n")) : []),
        block([[bold(reply.title)]], Boolean(reply.intro)),
        ...reply.lines.map(lineBlock),
      ];
    case "feeds":
      return [
        block([[bold(reply.title)]]),
        ...(reply.empty ? [block([[plain(reply.empty)]])] : []),
        ...reply.feeds.map(feedBlock),
      ];
    case "actors":
      return actorsBlocks(reply.title, reply.empty, reply.groups);
    case "answer":
      return answerBlocks(reply.answer);
    case "reports":
      return reportBlocks(reply.reports);
    case "text":
      return textBlocks(reply.title, reply.lines);
    case "choices":
      return questionBlocks(reply.question, typed);
    case "error":
      return [block([[plain(reply.text)]])];
  }
}

/**
 * Which choices become buttons and which are left to type: a button's callback data must fit Telegram's 64 bytes,
 * and a message holds at most `limits.buttons` of them. Button texts are not parsed as HTML, so they go as they are.
 */
function splitChoices(choices: readonly Choice[], limits: MessageLimits): { buttons: Button[]; typed: Choice[] } {
  const buttons: Button[] = [];
  const typed: Choice[] = [];
  for (const choice of choices) {
    const data = commandCallbackData(choice.command);
    // Telegram refuses an empty button text; a label of blanks shows the command instead.
    const text = choice.label.replace(/\s+/g, " ").trim() || choice.command;
    if (data && buttons.length < limits.buttons) buttons.push({ text, callbackData: data });
    else typed.push(choice);
  }
  return { buttons, typed };
}

/** The question, then each choice that has no button with the command to type for it. */
function questionBlocks(question: string, typed: readonly Choice[]): Block[] {
  return [
    block([[plain(question)]]),
    ...typed.map((choice) => block([[plain(`· ${choice.label}: `), plain(choice.command)]])),
  ];
}

function digestBlocks(digest: DigestView, lang: Lang): Block[] {
  const labels = BUTTONS[lang];
  const blocks = [block([[plain("🧵 "), bold(digest.title)], [plain(digest.header)]])];
  digest.items.forEach((item, i) => {
    const n = i + 1;
    const lines: Span[][] = [[plain(`${n}. ${item.isNew ? "🆕" : "🔄"} `), bold(item.headline)]];
    if (item.summary) lines.push([plain(item.summary)]);
    if (item.whatIsNew) lines.push([plain("→ "), italic(item.whatIsNew)]);
    const about = meta(item.publishersLabel, item.actors);
    if (about) lines.push([italic(about)]);
    const links = linkLine(item.links);
    if (links) lines.push(links);
    blocks.push({
      lines,
      paragraph: true,
      buttons: [
        {
          text: `📰 ${labels.sources} ${n}`,
          callbackData: callbackData({ action: "sources", developmentId: item.developmentId }),
        },
        {
          text: `➕ ${labels.more} ${n}`,
          callbackData: callbackData({ action: "more", developmentId: item.developmentId }),
        },
      ],
    });
  });
  if (digest.omitted) blocks.push(block([[italic(digest.omitted)]], true));
  return blocks;
}

function alertBlock(alert: Extract<Reply, { kind: "alert" }>["alert"]): Block {
  // The core's label may already carry the bolt ("⚡ Alerta"); the message starts with exactly one.
  const label = alert.label.replace(/^⚡\s*/, "");
  const lines: Span[][] = [[plain("⚡ "), italic(label)], [bold(alert.headline)]];
  if (alert.summary) lines.push([plain(alert.summary)]);
  if (alert.whatIsNew) lines.push([plain("→ "), italic(alert.whatIsNew)]);
  const about = meta(alert.publishersLabel, alert.actors);
  if (about) lines.push([italic(about)]);
  const links = linkLine(alert.links);
  if (links) lines.push(links);
  return block(lines);
}

/** The title, the longer summary when there is one, then each report: its date, its outlet linked, its title. */
function reportBlocks(view: ReportsView): Block[] {
  const blocks = [block([[bold(view.title)]])];
  if (view.summary) blocks.push(block([[plain(view.summary)]]));
  view.reports.forEach((report, i) => {
    const href = report.url ? safeHref(report.url) : undefined;
    const outlet: Span = href ? { text: report.publisher, href } : plain(report.publisher);
    blocks.push(
      block(
        [[plain("· "), italic(report.date), plain(" "), outlet, plain(`: ${report.title}`)]],
        i === 0 && Boolean(view.summary),
      ),
    );
  });
  return blocks;
}

/** Each sentence with its outlet (linked to the report) and date; or "not yet" and the nearest developments. */
function answerBlocks(answer: AnswerView): Block[] {
  const blocks = [block([[bold(answer.title)]])];
  for (const sentence of answer.sentences) {
    const href = safeHref(sentence.url);
    const outlet: Span = href ? { text: sentence.publisher, href } : plain(sentence.publisher);
    const tag = sentence.languageTag ? [italic(sentence.languageTag), plain(" ")] : [];
    blocks.push(
      block(
        [[plain("· "), ...tag, plain(sentence.text), plain(" — "), outlet, plain(", "), italic(sentence.date)]],
        true,
      ),
    );
  }
  if (answer.nearestTitle) blocks.push(block([[italic(answer.nearestTitle)]], true), ...answer.nearest.map(lineBlock));
  return blocks;
}

function lineBlock(line: DevelopmentLine): Block {
  const lines: Span[][] = [
    [
      plain("· "),
      italic(line.date),
      plain(" "),
      bold(line.headline),
      plain(` (${[line.publishersLabel, line.statusLabel, line.offStory].filter(Boolean).join(" · ")})`),
    ],
  ];
  const links = linkLine(line.links);
  if (links) lines.push([plain("   "), ...links]);
  return block(lines, true);
}

/** `· <b>Outlet</b> — <i>active</i> · last good read …`, and its current error on the line below. */
function feedBlock(feed: FeedLine): Block {
  const lines: Span[][] = [
    [plain("· "), bold(feed.publisher), plain(" — "), italic(feed.stateLabel), plain(` · ${feed.detail}`)],
  ];
  if (feed.error) lines.push([plain(`   ${feed.error}`)]);
  return block(lines);
}

/** Each group's title, then an actor a line: its name, role or counts, and the command (Telegram makes it a tap). */
function actorsBlocks(title: string, empty: string | undefined, groups: readonly ActorGroup[]): Block[] {
  const blocks = [block([[bold(title)]]), ...(empty ? [block([[plain(empty)]])] : [])];
  for (const group of groups) {
    if (group.title) blocks.push(block([[italic(group.title)]], true));
    for (const actor of group.actors) {
      const about = [actor.role, actor.note].filter(Boolean).join(" · ");
      blocks.push(block([[plain("· "), bold(actor.name), plain(`${about ? ` — ${about}` : ""} ${actor.command}`)]]));
    }
  }
  return blocks;
}

/** A title and lines of text; an empty line becomes the blank line before the next one. */
function textBlocks(title: string | undefined, lines: readonly string[]): Block[] {
  const blocks: Block[] = title ? [block([[bold(title)]])] : [];
  let paragraph = false;
  for (const line of lines) {
    if (line.trim() === "") {
      paragraph = true;
      continue;
    }
    blocks.push(block([[plain(line)]], paragraph));
    paragraph = false;
  }
  return blocks;
}

/** "🔗 Outlet · Outlet": each outlet links to its report; one whose URL is not http(s) is named without a link. */
function linkLine(links: readonly SourceLink[]): Span[] | undefined {
  if (links.length === 0) return undefined;
  const spans: Span[] = [plain("🔗 ")];
  links.forEach((link, i) => {
    if (i > 0) spans.push(plain(" · "));
    const href = safeHref(link.url);
    spans.push(href ? { text: link.publisher, href } : plain(link.publisher));
  });
  return spans;
}

/** The URL when it is an absolute http(s) URL; javascript:, data:, tg: and the like are dropped. */
export function safeHref(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : undefined;
}

/** "5 medios · Maduro, Petro". */
function meta(publishersLabel: string, actors: readonly string[]): string {
  return [publishersLabel, actors.join(", ")].filter(Boolean).join(" · ");
}

function block(lines: Span[][], paragraph = false): Block {
  return { lines, paragraph };
}

const plain = (text: string): Span => ({ text });
const bold = (text: string): Span => ({ text, bold: true });
const italic = (text: string): Span => ({ text, italic: true });
