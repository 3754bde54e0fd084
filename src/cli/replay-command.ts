import { parseArgs } from "node:util";
import { z } from "zod";
import { renderReply } from "../adapters/console/render.js";
import type { Config } from "../config.js";
import { type Logger, loadStoryPack } from "../digest/index.js";
import { isTimeZone, localParts, zonedInstant } from "../digest/schedule/local-time.js";
import { type Replay, type ReplayEvent, ReplayRangeError, replayFeeds } from "../replay/replay-feeds.js";
import type { CliIo } from "./run-cli.js";

const EXAMPLE_SUBSCRIBE = "--subscribe 08:00 America/Caracas";
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
// A date, or a date and time; without Z or an offset it is read in the subscription's zone.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/i;

const isoArgument = (name: string) =>
  z.string().refine((text) => ISO.test(text), {
    error: (issue) =>
      `${name} takes an ISO date or time, such as 2025-12-01 or 2025-12-01T08:00Z, not ${JSON.stringify(issue.input)}`,
  });

/** The arguments of `hilo replay`, checked before any file is read. */
const ReplayArgs = z.object({
  files: z.array(z.string()).min(1, {
    error: "hilo replay needs at least one feed file, such as hilo replay content/venezuela-2025/demo/*.xml",
  }),
  from: isoArgument("--from").optional(),
  to: isoArgument("--to").optional(),
  digestAt: z
    .string()
    .refine((text) => TIME.test(text), {
      error: (issue) =>
        `--subscribe takes a time as HH:MM, such as ${EXAMPLE_SUBSCRIBE}, not ${JSON.stringify(issue.input)}`,
    })
    .optional(),
  timeZone: z
    .string()
    .refine(isTimeZone, {
      error: (issue) =>
        `--subscribe takes an IANA time zone, such as ${EXAMPLE_SUBSCRIBE}, not ${JSON.stringify(issue.input)}`,
    })
    .optional(),
  json: z.boolean(),
});

/**
 * `hilo replay FEED… [--from ISO] [--to ISO] [--subscribe HH:MM ZONE] [--json]`: replays feed files on a virtual clock
 * and prints every alert, update and digest a subscribed chat would have received, at the time it would have.
 * Exit code 0 when a feed was replayed, 1 when none could be read, 2 for bad arguments.
 */
export async function replayCommand(args: string[], config: Config, log: Logger, io: CliIo): Promise<number> {
  const values = readArgs(args);
  if (typeof values === "string") return usageError(io, values);

  const pack = loadStoryPack(config.storyDir, { setBy: "HILO_STORY_DIR" });
  const timeZone = values.timeZone ?? pack.settings.timeZone;
  const from = values.from === undefined ? undefined : instantOf(values.from, timeZone);
  const to = values.to === undefined ? undefined : instantOf(values.to, timeZone);
  if (Number.isNaN(from) || Number.isNaN(to)) {
    return usageError(
      io,
      `${Number.isNaN(from) ? `--from ${values.from}` : `--to ${values.to}`} is not a date on the calendar; give one such as 2025-12-01`,
    );
  }
  if (from !== undefined && to !== undefined && to <= from)
    return usageError(io, `--to (${values.to}) must be after --from (${values.from})`);

  let replay: Replay;
  try {
    replay = await replayFeeds({
      files: values.files,
      pack,
      from,
      to,
      subscribe: { digestAt: values.digestAt === undefined ? undefined : normalizeTime(values.digestAt), timeZone },
      lang: config.lang,
      // The pipeline would warn about a file's items at every snapshot; the replay names each file's problems once.
      log: { info: () => undefined, warn: () => undefined, error: (message, fields) => log.error(message, fields) },
      pollMinutes: config.pollMinutes,
      digestChars: config.digestChars,
      sendRate: config.sendRate,
    });
  } catch (error) {
    if (!(error instanceof ReplayRangeError)) throw error;
    return usageError(
      io,
      `${error.message}; narrow it with --from and --to, such as --from 2025-12-01 --to 2025-12-08`,
    );
  }
  try {
    for (const problem of replay.problems) io.stderr(`${problem}\n`);
    if (replay.feeds.length === 0) {
      io.stderr("no feed could be replayed\n");
      return 1;
    }
    for (const event of replay.events)
      io.stdout(values.json ? `${JSON.stringify(jsonOf(event))}\n` : `${textOf(event, timeZone)}\n\n`);
    if (!values.json) io.stdout(`${summaryOf(replay, timeZone)}\n`);
    return 0;
  } finally {
    replay.db.close();
  }
}

function parseReplayArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { from: { type: "string" }, to: { type: "string" }, json: { type: "boolean", default: false } },
  });
}

/** The checked arguments, or every problem with them, one per line. */
function readArgs(args: readonly string[]): z.infer<typeof ReplayArgs> | string {
  const split = takeSubscribe(args);
  if (typeof split === "string") return split;
  let parsed: ReturnType<typeof parseReplayArgs>;
  try {
    parsed = parseReplayArgs(split.rest);
  } catch (error) {
    // parseArgs names the unknown or incomplete option itself.
    return `${(error as Error).message}\nusage: hilo replay FEED… [--from ISO] [--to ISO] [--subscribe HH:MM ZONE] [--json]`;
  }
  const checked = ReplayArgs.safeParse({ files: parsed.positionals, ...parsed.values, ...split.subscribe });
  return checked.success ? checked.data : checked.error.issues.map((issue) => issue.message).join("\n");
}

/** Takes `--subscribe HH:MM ZONE` (two words, or one quoted) out of the arguments, which parseArgs cannot read. */
function takeSubscribe(
  args: readonly string[],
): { rest: string[]; subscribe: { digestAt?: string; timeZone?: string } } | string {
  const at = args.indexOf("--subscribe");
  if (at === -1) return { rest: [...args], subscribe: {} };
  const words = (args[at + 1] ?? "").trim().split(/\s+/).filter(Boolean);
  const quoted = words.length === 2;
  const [digestAt, timeZone] = quoted ? words : [args[at + 1], args[at + 2]];
  if (digestAt === undefined || timeZone === undefined || digestAt.startsWith("--") || timeZone.startsWith("--")) {
    return `--subscribe takes a time and a time zone, such as ${EXAMPLE_SUBSCRIBE}`;
  }
  const rest = [...args.slice(0, at), ...args.slice(at + (quoted ? 2 : 3))];
  if (rest.includes("--subscribe")) return `--subscribe is given twice; give it once, such as ${EXAMPLE_SUBSCRIBE}`;
  return { rest, subscribe: { digestAt, timeZone } };
}

function usageError(io: CliIo, message: string): number {
  io.stderr(`${message}\n`);
  return 2;
}

/** "8:05" → "08:05", as subscriptions store it. */
function normalizeTime(text: string): string {
  const [, hours, minutes] = TIME.exec(text)!;
  return `${hours!.padStart(2, "0")}:${minutes}`;
}

/** The instant an ISO argument names (NaN for a date not on the calendar); without an offset it is local to `timeZone`. */
function instantOf(text: string, timeZone: string): number {
  const [, year, month, day, hour = "00", minute = "00", second = "00", offset] = ISO.exec(text)!;
  const date = { year: Number(year), month: Number(month), day: Number(day) };
  const utc = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (utc.getUTCMonth() !== date.month - 1 || utc.getUTCDate() !== date.day) return Number.NaN;
  if (offset) return Date.parse(text.replace(" ", "T"));
  return zonedInstant(date, Number(hour), Number(minute), timeZone) + Number(second) * 1000;
}

/** "YYYY-MM-DD HH:MM ZONE" of an instant in the subscription's zone. */
function localTime(at: number, timeZone: string): string {
  const { year, month, day, hour, minute } = localParts(at, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${year}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)} ${timeZone}`;
}

function textOf(event: ReplayEvent, timeZone: string): string {
  return `${localTime(event.at, timeZone)}  ${event.kind.toUpperCase()}\n${renderReply(event.reply)}`;
}

function jsonOf(event: ReplayEvent): {
  at: string;
  kind: string;
  developmentIds: number[];
  reply: ReplayEvent["reply"];
} {
  return {
    at: new Date(event.at).toISOString(),
    kind: event.kind,
    developmentIds: event.developmentIds,
    reply: event.reply,
  };
}

function summaryOf(replay: Replay, timeZone: string): string {
  const count = (kind: string, word: string) => {
    const n = replay.events.filter((event) => event.kind === kind).length;
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  };
  const items = replay.feeds.reduce((sum, feed) => sum + feed.items, 0);
  return (
    `replayed ${replay.feeds.length} feed${replay.feeds.length === 1 ? "" : "s"} (${items} items) ` +
    `from ${localTime(replay.from, timeZone)} to ${localTime(replay.to, timeZone)}: ` +
    `${count("alert", "alert")}, ${count("update", "update")}, ${count("digest", "digest")}`
  );
}
