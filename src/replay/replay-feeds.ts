import { resolve } from "node:path";
import {
  createLive,
  type Db,
  Hilo,
  type Lang,
  type LiveFeed,
  type Logger,
  type MessageKind,
  openDatabase,
  type Pipeline,
  POLLER_DEFAULTS,
  type Reply,
  type StoryPack,
  silentLogger,
} from "../digest/index.js";
import { type FeedSnapshots, readFeedSnapshots } from "./feed-snapshots.js";
import { type ReplayedMessage, ReplayNotifier } from "./replay-notifier.js";
import { replayTicks } from "./replay-ticks.js";
import { serveSnapshots } from "./serve-snapshots.js";
import { VirtualClock } from "./virtual-clock.js";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** The longest stretch one replay covers: a year of 15-minute ticks replays in seconds; decades would not. */
export const MAX_REPLAY_DAYS = 366;
// The time /subscribe gives a chat that names none.
const DEFAULT_DIGEST_AT = "08:00";
// HILO_DIGEST_CHARS' default: what one digest may take in the smallest adapter.
const DEFAULT_DIGEST_CHARS = 3500;

/** What a replay reads and how its one chat is subscribed; everything but the files and the story has a default. */
export interface ReplayOptions {
  /** RSS, Atom or RDF files. */
  files: readonly string[];
  pack: StoryPack;
  /** When the chat subscribes and the replay starts (ms); default one minute before the first item. */
  from?: number | undefined;
  /** When the replay ends (ms); default a day after the newest item. */
  to?: number | undefined;
  /** The chat's digest time; default 08:00 in the story's time zone. */
  subscribe?: { digestAt?: string | undefined; timeZone?: string | undefined } | undefined;
  /** The chat's language; default the story's first. */
  lang?: Lang | undefined;
  log?: Logger | undefined;
  pollMinutes?: number | undefined;
  digestChars?: number | undefined;
  /** Messages a second the sender allows (it only moves virtual time). */
  sendRate?: number | undefined;
  /** The real time, for judging feed dates (parseFeed doubts dates past it); default Date.now(). */
  now?: number | undefined;
  /** The database to replay into, empty and migrated; default a new in-memory SQLite one (closed with the replay). */
  db?: Db | undefined;
}

/** One message the chat would have received: when, what kind, about which developments, and the view itself. */
export interface ReplayEvent {
  at: number;
  kind: MessageKind;
  /** The alert's or update's development, or every development a digest lists. */
  developmentIds: number[];
  lang: Lang;
  reply: Reply;
}

/** A replayed feed file, as the replay's database knows it. */
export interface ReplayedFeed {
  file: string;
  /** The feed's URL in the database (the file as named). */
  url: string;
  publisher: string;
  items: number;
}

/** What a replay produced; the database stays open for the caller to look into, and the caller closes it. */
export interface Replay {
  events: ReplayEvent[];
  /** One line per problem with a file; the other files were replayed. */
  problems: string[];
  feeds: ReplayedFeed[];
  from: number;
  to: number;
  subscription: { digestAt: string; timeZone: string; lang: Lang };
  hilo: Hilo;
  /** The replay's pipeline (also `hilo.pipeline`): its developments and articles, for evaluation. */
  pipeline: Pipeline;
  db: Db;
}

/** A replay asked to cover more time than it can in reasonable time. */
export class ReplayRangeError extends Error {
  override name = "ReplayRangeError";
}

/**
 * Replays feed files in publication order on a virtual clock through the live pieces (poll → ingest → schedule →
 * outbox → sender → notifier) for one subscribed chat, and returns every digest, alert and update it would have
 * received, at the time it would have. Throws a ReplayRangeError when [from, to] spans more than MAX_REPLAY_DAYS.
 */
export async function replayFeeds(options: ReplayOptions): Promise<Replay> {
  const { pack } = options;
  const log = options.log ?? silentLogger;
  const read = await readFeedSnapshots(options.files, options.now ?? Date.now());
  const first = read.feeds.reduce((earliest, feed) => Math.min(earliest, feed.times[0]!), Number.POSITIVE_INFINITY);
  const newest = read.feeds.reduce((latest, feed) => Math.max(latest, feed.times.at(-1)!), Number.NEGATIVE_INFINITY);
  const from = options.from ?? (read.feeds.length > 0 ? first - MINUTE : (options.to ?? options.now ?? Date.now()));
  const to = options.to ?? (read.feeds.length > 0 ? newest + DAY : from);
  if (to - from > MAX_REPLAY_DAYS * DAY) {
    const days = Math.ceil((to - from) / DAY);
    throw new ReplayRangeError(
      `the replay would cover ${days} days (${new Date(from).toISOString()} to ${new Date(to).toISOString()}); at most ${MAX_REPLAY_DAYS} are replayed at once`,
    );
  }
  const subscription = {
    digestAt: options.subscribe?.digestAt ?? DEFAULT_DIGEST_AT,
    timeZone: options.subscribe?.timeZone ?? pack.settings.timeZone,
    lang: options.lang ?? pack.settings.languages[0] ?? "es",
  };

  const db = options.db ?? openDatabase(":memory:");
  const clock = new VirtualClock(from);
  const digestChars = options.digestChars ?? DEFAULT_DIGEST_CHARS;
  const hilo = new Hilo({ db, pack, log, digestChars, wallClock: () => clock.now() });
  const liveFeeds = read.feeds.map((feed) => liveFeedFor(feed, pack));
  const pollMinutes = options.pollMinutes ?? POLLER_DEFAULTS.intervalMinutes;
  const notifier = new ReplayNotifier(clock);
  const live = createLive({
    hilo,
    db,
    pack,
    log,
    feeds: liveFeeds,
    notifiers: [notifier],
    clock,
    digestBudget: digestChars,
    poller: {
      intervalMinutes: pollMinutes,
      fetch: serveSnapshots(new Map(read.feeds.map((feed, i) => [liveFeeds[i]!.url, feed]))),
    },
    limits: options.sendRate === undefined ? undefined : { messagesPerSecond: options.sendRate },
  });
  const chat = hilo.chats.ensure({ platform: notifier.platform, chatId: "replay" }, subscription.lang, from, "private");
  hilo.subscriptions.subscribe(chat.id, { digestAt: subscription.digestAt, timeZone: subscription.timeZone }, from);

  try {
    if (read.feeds.length > 0) {
      for (const now of replayTicks(from, to, pollMinutes * MINUTE, subscription.digestAt, subscription.timeZone)) {
        clock.advanceTo(now);
        // The live tick, on virtual time.
        await live.tick(now);
      }
    }
  } catch (error) {
    // The caller never sees this database, so it is closed here.
    db.close();
    throw error;
  }

  const feeds = read.feeds.map((feed, i) => ({
    file: feed.file,
    url: liveFeeds[i]!.url,
    publisher: liveFeeds[i]!.publisher,
    items: feed.times.length,
  }));
  return {
    events: toEvents(notifier.received, db),
    problems: read.problems,
    feeds,
    from,
    to,
    subscription,
    hilo,
    pipeline: hilo.pipeline,
    db,
  };
}

/**
 * The feed as the poller knows it. A file that is one of the story's demo feeds takes its publisher and language
 * from story.json; otherwise the publisher is the outlet the channel title names, and one of the story's live feeds
 * takes that feed's language and trust, so alerts follow the same policy they would live.
 */
function liveFeedFor(feed: FeedSnapshots, pack: StoryPack): LiveFeed & { publisher: string } {
  const demo = pack.demoFeeds.find((candidate) => resolve(candidate.path) === resolve(feed.file));
  if (demo) return { url: feed.file, publisher: demo.publisher, lang: demo.lang, trusted: false };
  const live = pack.settings.feeds.find(
    (candidate) => candidate.publisher === feed.title || candidate.publisher === feed.outlet,
  );
  return {
    url: feed.file,
    publisher: live?.publisher ?? feed.outlet,
    lang: live?.lang,
    trusted: live?.trusted ?? false,
  };
}

/** The chat's messages as events; an alert's or update's development comes from the delivery it was sent as. */
function toEvents(received: readonly ReplayedMessage[], db: Db): ReplayEvent[] {
  // The outbox row keeps the development an alert is about; the message itself does not carry it.
  const developmentOf = db.prepare("SELECT development_id FROM deliveries WHERE platform_message_id = ?").pluck();
  return received.map(({ at, messageId, message }) => {
    const { reply } = message;
    const developmentIds =
      reply.kind === "digest"
        ? reply.digest.items.map((item) => item.developmentId)
        : [developmentOf.get(messageId) as number | null | undefined].filter(
            (id): id is number => typeof id === "number",
          );
    return { at, kind: message.kind, developmentIds, lang: message.lang, reply };
  });
}
