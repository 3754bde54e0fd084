import type { Messages } from "../i18n/messages.js";
import type { Development, Lang } from "../model.js";
import type { StoredArticle } from "../store/article-store.js";
import { formatDateTime, formatDay } from "./format-date.js";
import { independentPublishers, sourceLinks } from "./source-links.js";
import { toldIn } from "./told-in.js";
import type { DigestItem, DigestView } from "./views.js";
import { whatIsNew } from "./what-is-new.js";

export interface DigestInput {
  storyTitle: string;
  lang: Lang;
  messages: Messages;
  timeZone: string;
  /** The window is (since, until]. */
  since: number;
  until: number;
  /** True when `since` is the chat's last digest rather than a default window. */
  sinceLastDigest: boolean;
  /** Developments seen in the window, each with all its articles. */
  developments: readonly { development: Development; articles: readonly StoredArticle[] }[];
  actorName: (actorId: string) => string;
  /** Characters the renderer can show; items that don't fit are counted, not cut. */
  maxChars: number;
}

const HOUR = 60 * 60 * 1000;

/** Builds the digest of what changed in a window: new developments and updated ones, most reported first. */
export function buildDigest(input: DigestInput): DigestView {
  const { messages } = input;
  const since = input.sinceLastDigest
    ? messages.sinceLastDigest(formatDateTime(input.since, messages, input.timeZone))
    : messages.sinceHours(Math.round((input.until - input.since) / HOUR));
  const ranked = input.developments
    .map((entry) => ({ entry, draft: toItem(entry.development, entry.articles, input) }))
    .filter(({ draft }) => draft !== undefined)
    .map(({ entry, draft }) => ({ draft: draft!, score: score(entry.development, draft!.item, input) }))
    .sort((a, b) => b.score - a.score || a.draft.item.developmentId - b.draft.item.developmentId);

  const title = messages.digestTitle(input.storyTitle, formatDay(input.until, messages, input.timeZone));
  const items: DigestItem[] = [];
  let used = title.length + 80;
  for (const { draft } of ranked) {
    // What is new is read from the reports' sentences: only for the items a reader may get, not for every one ranked.
    const item = { ...draft.item, whatIsNew: draft.whatIsNew() };
    const size = itemSize(item);
    if (used + size > input.maxChars) break;
    items.push(item);
    used += size;
  }
  const created = ranked.filter(({ draft }) => draft.item.isNew).length;
  return {
    title,
    header:
      ranked.length === 0
        ? messages.digestEmpty(since)
        : messages.digestHeader(created, ranked.length - created, since),
    items,
    omitted: ranked.length > items.length ? messages.digestOmitted(ranked.length - items.length) : undefined,
    until: input.until,
  };
}

/** An item without its "what is new", and the way to read that sentence when the item is going to be shown. */
interface DraftItem {
  item: DigestItem;
  whatIsNew: () => string | undefined;
}

function toItem(
  development: Development,
  articles: readonly StoredArticle[],
  input: DigestInput,
): DraftItem | undefined {
  const inWindow = articles.filter((a) => a.publishedAt > input.since && a.publishedAt <= input.until);
  if (inWindow.length === 0) return undefined;
  const before = independentPublishers(articles.filter((a) => a.publishedAt <= input.since));
  const now = independentPublishers(articles.filter((a) => a.publishedAt <= input.until));
  const isNew = before.size === 0 && articles.every((a) => a.publishedAt > input.since);
  const added = isNew ? 0 : [...now].filter((publisher) => !before.has(publisher)).length;
  const told = toldIn(development, input.lang);
  const newest = pickNewest(inWindow, told.lang);
  return {
    item: {
      developmentId: development.id,
      isNew,
      headline: told.headline || newest.title,
      summary: told.summary,
      whatIsNew: undefined,
      publishersLabel: input.messages.publishers(now.size, added),
      actors: development.actorIds.slice(0, 4).map(input.actorName),
      links: sourceLinks(inWindow),
    },
    // What the window's reports add to the earlier ones, as a sentence; none when they add nothing new.
    whatIsNew: () =>
      isNew
        ? undefined
        : whatIsNew(
            articles.filter((a) => a.publishedAt <= input.since),
            inWindow,
            told.lang,
          ),
  };
}

/** Most publishers first, then new before updated, then the most recent. */
function score(development: Development, item: DigestItem, input: DigestInput): number {
  const recency = (development.lastSeen - input.since) / Math.max(1, input.until - input.since);
  return Math.log2(1 + development.publishers.length) * 2 + (item.isNew ? 1 : 0) + recency;
}

function pickNewest(articles: readonly StoredArticle[], lang: Lang): StoredArticle {
  const sorted = [...articles].sort((a, b) => b.publishedAt - a.publishedAt || (a.id < b.id ? -1 : 1));
  return sorted.find((a) => a.lang === lang && !a.copyOf) ?? sorted[0]!;
}

/**
 * What a reader sees of an item: a link shows its outlet's name (Telegram and Discord hide the address); a terminal
 * shows the first report's address too, which is counted so the console digest keeps the budget as well.
 */
function itemSize(item: DigestItem): number {
  const links = item.links.reduce((sum, link) => sum + link.publisher.length + 3, 0) + (item.links[0]?.url.length ?? 0);
  return (
    item.headline.length +
    item.summary.length +
    (item.whatIsNew?.length ?? 0) +
    item.actors.join(", ").length +
    links +
    40
  );
}
