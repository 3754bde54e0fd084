import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import type {
  ActorGroup,
  ActorView,
  AlertView,
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
import {
  cutText,
  type DescriptionLine,
  DISCORD_LIMITS,
  fitText,
  joinWithin,
  type MessageDraft,
  packEmbeds,
  packLines,
} from "./embed-limits.js";
import { escapeMarkdown, httpUrl, maskedLink, plainText } from "./escape-markdown.js";
import { commandCustomId } from "./to-command.js";

export { DISCORD_LIMITS } from "./embed-limits.js";

/** One Discord message, ready for POST /channels/:id/messages or an interaction reply. */
export interface DiscordMessage {
  /** At most 2,000 characters. */
  content?: string;
  /** At most 10, together within 6,000 characters. */
  embeds: APIEmbed[];
  /** Always empty: nothing a feed writes can ping anyone, whatever the text says. */
  allowed_mentions: { parse: [] };
  /** Buttons, in at most 5 rows of at most 5: the choices of a question asked back. */
  components?: APIActionRowComponent<APIButtonComponentWithCustomId>[];
}

// Discord's limits on buttons: 5 to a row, 5 rows to a message, labels of at most 80 characters.
const BUTTON_LIMITS = { perRow: 5, rows: 5, label: 80 } as const;

// The side bar of each embed tells new, updated and alert apart at a glance; lists and texts stay neutral.
const COLOR = { new: 0x2e7d32, updated: 0x1565c0, alert: 0xe65100, neutral: 0x546e7a } as const;

// Caps that keep one list line a line, and leave a story's summary the room it needs beside its links.
const LINE_HEADLINE = 300;
const SHORT_LABEL = 120;
const LINK_LINE = DISCORD_LIMITS.fieldValue;
const LINKS_PREFIX = "🔗 ";
// Discord refuses an embed whose url is too long (1,700 characters is reported refused); report URLs are far
// shorter, so a longer one just gets no title link rather than costing the whole message.
const TITLE_URL_MAX = 1024;

/**
 * A core Reply as Discord messages, in order. A digest is one embed per development and splits into several
 * messages between developments; lists and texts split between lines; a question asked back carries one button per
 * choice under its first message; every text is escaped and cut to Discord's limits. `lang` is not needed today
 * (every word comes from the core already translated); it keeps the signature every renderer shares.
 */
export function renderReply(reply: Reply, lang: Lang): DiscordMessage[] {
  const choices = reply.kind === "choices" ? splitChoices(reply.choices) : { buttons: [], typed: [] };
  const rows = chunk(choices.buttons, BUTTON_LIMITS.perRow).map(
    (buttons): APIActionRowComponent<APIButtonComponentWithCustomId> => ({
      type: ComponentType.ActionRow,
      components: buttons,
    }),
  );
  return drafts(reply, choices.typed).map((draft, i) => ({
    ...draft,
    allowed_mentions: { parse: [] },
    ...(i === 0 && rows.length > 0 ? { components: rows } : {}),
  }));
}

/**
 * A thread name for an alert's development: the headline on one line, at most 100 characters, cut on a word
 * with "…". Thread names are plain text (no markdown, no mentions), so nothing is escaped.
 */
export function threadName(alert: AlertView): string {
  const name = oneLine(alert.headline) || oneLine(alert.label);
  return cutText(name, DISCORD_LIMITS.threadName);
}

/** The reply's text as messages; `typed` are the choices of a question that got no button. */
function drafts(reply: Reply, typed: readonly Choice[]): MessageDraft[] {
  switch (reply.kind) {
    case "digest":
      return digestDrafts(reply.digest);
    case "alert":
      return packEmbeds([alertEmbed(reply.alert)]);
    case "actor":
      return actorDrafts(reply.actor);
    case "developments": {
      const intro: APIEmbed[] = reply.intro
        ? [{ color: COLOR.neutral, description: prose(reply.intro, DISCORD_LIMITS.description) }]
        : [];
      return packEmbeds([...intro, ...listEmbeds(reply.title, reply.lines.map(developmentLine))]);
    }
    case "feeds":
      return packEmbeds(
        listEmbeds(reply.title, [
          ...(reply.empty ? [{ text: prose(reply.empty, DISCORD_LIMITS.description) }] : []),
          ...reply.feeds.map(feedLine),
        ]),
      );
    case "actors":
      return packEmbeds(actorsEmbeds(reply.title, reply.empty, reply.groups));
    case "answer":
      return packEmbeds(answerEmbeds(reply.answer));
    case "reports":
      return packEmbeds(reportEmbeds(reply.reports));
    case "text":
      return packEmbeds(listEmbeds(reply.title, textLines(reply.lines)));
    case "choices":
      return packEmbeds(
        listEmbeds(
          undefined,
          typed.map((choice) => ({
            text: `· ${inline(choice.label, SHORT_LABEL)}: ${inline(choice.command, LINE_HEADLINE)}`,
          })),
        ),
        prose(reply.question, DISCORD_LIMITS.content),
      );
    case "error":
      return packEmbeds([], prose(reply.text, DISCORD_LIMITS.content));
  }
}

/**
 * Which choices become buttons and which are left to type: a custom_id holds at most 100 characters and must be
 * unique in its message, and a message holds at most 25 buttons. Labels are plain text on Discord (no markdown,
 * no mentions), so they are cut to 80 characters but not escaped.
 */
function splitChoices(choices: readonly Choice[]): { buttons: APIButtonComponentWithCustomId[]; typed: Choice[] } {
  const buttons: APIButtonComponentWithCustomId[] = [];
  const typed: Choice[] = [];
  for (const choice of choices) {
    const customId = commandCustomId(choice.command);
    // The same command twice does the same thing: one button is enough.
    if (customId !== undefined && buttons.some((button) => button.custom_id === customId)) continue;
    if (customId === undefined || buttons.length >= BUTTON_LIMITS.perRow * BUTTON_LIMITS.rows) {
      typed.push(choice);
      continue;
    }
    // Discord refuses a button with neither label nor emoji; a label of blanks shows the command instead.
    const label = cutText(oneLine(choice.label) || choice.command, BUTTON_LIMITS.label);
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label, custom_id: customId });
  }
  return { buttons, typed };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function digestDrafts(digest: DigestView): MessageDraft[] {
  // Discord merges embeds that share a url into one card and drops the later ones' text, so no url is reused.
  const usedUrls = new Set<string>();
  const embeds = digest.items.map((item, i) =>
    storyEmbed(
      { ...item, titlePrefix: `${i + 1}. ${item.isNew ? "🆕" : "🔄"} `, color: item.isNew ? COLOR.new : COLOR.updated },
      usedUrls,
    ),
  );
  if (digest.omitted) embeds.push({ color: COLOR.neutral, description: italic(inline(digest.omitted, SHORT_LABEL)) });
  // The heading goes in the content so that a notification shows it; embeds alone show nothing there.
  const title = `🧵 ${bold(inline(digest.title, DISCORD_LIMITS.title))}`;
  const header = prose(digest.header, DISCORD_LIMITS.content - title.length - 1);
  return packEmbeds(embeds, header ? `${title}\n${header}` : title);
}

function alertEmbed(alert: AlertView): APIEmbed {
  // The core's label may already carry the bolt ("⚡ Alerta"); the card shows exactly one.
  const label = `⚡ ${alert.label.replace(/^⚡\s*/, "")}`;
  const color = alert.whatIsNew ? COLOR.updated : COLOR.alert;
  return storyEmbed({ ...alert, label, titlePrefix: "", color }, new Set());
}

function actorDrafts(actor: ActorView): MessageDraft[] {
  const profile: APIEmbed = {
    color: COLOR.neutral,
    title: inline(actor.role ? `${actor.name} — ${actor.role}` : actor.name, DISCORD_LIMITS.title),
    ...optional("description", prose(actor.profile, DISCORD_LIMITS.description)),
  };
  const lines: DescriptionLine[] = actor.emptyNote
    ? [{ text: prose(actor.emptyNote, DISCORD_LIMITS.description) }]
    : actor.developments.map(developmentLine);
  if (actor.seenWith) lines.push({ text: italic(inline(actor.seenWith, LINK_LINE)), paragraph: true });
  return packEmbeds([profile, ...listEmbeds(actor.developmentsTitle, lines)]);
}

/** What a digest item and an alert have in common, with the adapter's own layout added. */
interface Story {
  label?: string;
  titlePrefix: string;
  color: number;
  headline: string;
  summary: string;
  whatIsNew?: string | undefined;
  publishersLabel: string;
  actors: readonly string[];
  links: readonly SourceLink[];
}

/**
 * One development as a card: the headline as title (linked to the first report), the summary, what is new and
 * the outlets' links as description, outlets and actors in the footer. The summary is cut to whatever room the
 * rest leaves, so the card alone never passes the 6,000 a message may hold.
 */
function storyEmbed(story: Story, usedUrls: Set<string>): APIEmbed {
  const title = story.titlePrefix + inline(story.headline, DISCORD_LIMITS.title - story.titlePrefix.length);
  // Author names and footers are plain text on Discord, so they are defused but not escaped (a backslash would show).
  const author = fitText(oneLine(story.label ?? ""), DISCORD_LIMITS.author, plainText);
  const footer = fitText(meta(story.publishersLabel, story.actors), DISCORD_LIMITS.footer, plainText);
  const tail = [story.whatIsNew ? `→ ${italic(inline(story.whatIsNew, LINK_LINE))}` : "", linkLine(story.links)].filter(
    Boolean,
  );
  const room = Math.min(
    DISCORD_LIMITS.description,
    DISCORD_LIMITS.totalPerMessage - title.length - author.length - footer.length,
  );
  const tailLength = tail.reduce((sum, line) => sum + line.length + 1, 0);
  const summary = prose(story.summary, room - tailLength);
  const url = story.links
    .map((link) => httpUrl(link.url))
    .find((href) => href !== undefined && href.length <= TITLE_URL_MAX && !usedUrls.has(href));
  if (url) usedUrls.add(url);
  return {
    color: story.color,
    ...(author ? { author: { name: author } } : {}),
    ...optional("title", title),
    ...optional("url", url),
    ...optional("description", [summary, ...tail].filter(Boolean).join("\n")),
    ...(footer ? { footer: { text: footer } } : {}),
  };
}

/** A titled list: the title on the first embed, the lines in as many descriptions as they need. */
function listEmbeds(title: string | undefined, lines: readonly DescriptionLine[]): APIEmbed[] {
  const heading = title ? inline(title, DISCORD_LIMITS.title) : "";
  const descriptions = packLines(lines);
  if (descriptions.length === 0) return heading ? [{ color: COLOR.neutral, title: heading }] : [];
  return descriptions.map((description, i) => ({
    color: COLOR.neutral,
    ...optional("title", i === 0 ? heading : ""),
    description,
  }));
}

/** The title, the longer summary when there is one, then each report: its date, its outlet linked, its title. */
function reportEmbeds(view: ReportsView): APIEmbed[] {
  const lines: DescriptionLine[] = view.summary ? [{ text: prose(view.summary, DISCORD_LIMITS.description) }] : [];
  view.reports.forEach((report, i) => {
    const outlet = report.url ? maskedLink(report.publisher, report.url) : inline(report.publisher, SHORT_LABEL);
    lines.push({
      text: `· ${italic(inline(report.date, SHORT_LABEL))} ${outlet}: ${inline(report.title, LINE_HEADLINE)}`,
      paragraph: i === 0 && Boolean(view.summary),
    });
  });
  return listEmbeds(view.title, lines);
}

/** Each sentence with its outlet (linked to the report) and date; or "not yet" and the nearest developments. */
function answerEmbeds(answer: AnswerView): APIEmbed[] {
  const lines: DescriptionLine[] = answer.sentences.map((sentence) => ({
    text: `· ${[sentence.languageTag ? italic(inline(sentence.languageTag, SHORT_LABEL)) : "", prose(sentence.text, LINE_HEADLINE * 2)].filter(Boolean).join(" ")} — ${maskedLink(sentence.publisher, sentence.url)}, ${italic(inline(sentence.date, SHORT_LABEL))}`,
    paragraph: true,
  }));
  if (answer.nearestTitle)
    lines.push(
      { text: italic(inline(answer.nearestTitle, SHORT_LABEL)), paragraph: true },
      ...answer.nearest.map(developmentLine),
    );
  return listEmbeds(answer.title, lines);
}

/** `· *12 dic* **headline** (3 medios · en curso)`, and the outlets' links on the line below. */
function developmentLine(line: DevelopmentLine): DescriptionLine {
  const about = inline(
    [line.publishersLabel, line.statusLabel, line.offStory].filter(Boolean).join(" · "),
    SHORT_LABEL,
  );
  const head = [
    "·",
    italic(inline(line.date, SHORT_LABEL)),
    bold(inline(line.headline, LINE_HEADLINE)),
    `(${about})`,
  ].filter(Boolean);
  const links = linkLine(line.links);
  return { text: links ? `${head.join(" ")}\n${links}` : head.join(" "), paragraph: true };
}

/** `· **Outlet** — *active* · last good read …`, and its current error on the line below. */
function feedLine(feed: FeedLine): DescriptionLine {
  const head = `· ${bold(inline(feed.publisher, SHORT_LABEL))} — ${italic(inline(feed.stateLabel, LINE_HEADLINE))} · ${inline(feed.detail, LINE_HEADLINE)}`;
  return { text: feed.error ? `${head}\n${prose(feed.error, LINE_HEADLINE * 2)}` : head };
}

/** One list: each group's title as a paragraph, an actor a line with its role or counts and its command. */
function actorsEmbeds(title: string, empty: string | undefined, groups: readonly ActorGroup[]): APIEmbed[] {
  const lines: DescriptionLine[] = empty ? [{ text: prose(empty, DISCORD_LIMITS.description) }] : [];
  groups.forEach((group, i) => {
    if (group.title) lines.push({ text: bold(inline(group.title, SHORT_LABEL)), paragraph: i > 0 });
    for (const actor of group.actors) {
      const about = [actor.role, actor.note].filter(Boolean).join(" · ");
      lines.push({
        text: `· ${bold(inline(actor.name, SHORT_LABEL))}${about ? ` — ${inline(about, LINE_HEADLINE)}` : ""} ${code(actor.command)}`,
      });
    }
  });
  return listEmbeds(title, lines);
}

/** A command as inline code (nothing inside is markdown, so it is not escaped; backticks are dropped). */
function code(command: string): string {
  const BACKTICK = "\u0060";
  const text = cutText(oneLine(command).replaceAll(BACKTICK, ""), SHORT_LABEL);
  return BACKTICK + text + BACKTICK;
}

/** A text reply's lines, each split on its own line breaks; a blank line becomes the gap before the next. */
function textLines(lines: readonly string[]): DescriptionLine[] {
  const out: DescriptionLine[] = [];
  let paragraph = false;
  for (const line of lines.flatMap((text) => text.split("\n"))) {
    if (line.trim() === "") {
      paragraph = out.length > 0;
      continue;
    }
    out.push({ text: prose(line, DISCORD_LIMITS.description), paragraph });
    paragraph = false;
  }
  return out;
}

/** "🔗 [El País](…) · [Reuters](…)": whole links while they fit, then "…"; empty when there are none. */
function linkLine(links: readonly SourceLink[]): string {
  if (links.length === 0) return "";
  const parts = links.map((link) => maskedLink(link.publisher, link.url));
  return LINKS_PREFIX + joinWithin(parts, " · ", LINK_LINE - LINKS_PREFIX.length);
}

/** "5 medios · Maduro, Petro". */
function meta(publishersLabel: string, actors: readonly string[]): string {
  return [publishersLabel, actors.join(", ")].filter(Boolean).join(" · ");
}

/** Core text for one line (a title, a headline, a label): line breaks folded into spaces, escaped, cut to `max`. */
function inline(raw: string, max: number): string {
  return fitText(oneLine(raw), max, escapeMarkdown);
}

/** Core text that may run over several lines (a summary, a profile): escaped line by line, cut to `max`. */
function prose(raw: string, max: number): string {
  return fitText(raw.trim(), max, escapeMarkdown);
}

// Emphasis markers and masked links do not reach across a line break, and titles show none.
const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

// Markers around text already escaped; empty text gets none, since "**" alone would show as is.
const italic = (text: string): string => (text.trim() ? `*${text.trim()}*` : "");
const bold = (text: string): string => (text.trim() ? `**${text.trim()}**` : "");

/** `{ [key]: value }` when value is set and non-empty, else nothing: Discord rejects empty embed texts. */
function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value ? ({ [key]: value } as { [P in K]?: string }) : {};
}
