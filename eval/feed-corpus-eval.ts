import { ContentError, FeedError } from "../src/digest/errors.js";
import { type DecodedFeed, decodeFeedBytes } from "../src/digest/feeds/decode-feed-bytes.js";
import { type ParsedFeed, parseFeed } from "../src/digest/feeds/parse-feed.js";
import {
  checkTextExpectation,
  type ExpectationResult,
  readFeedTestHeader,
  textExpectations,
} from "./feed-test-expectation.js";

/** What ingestion made of one corpus file. */
export type FeedFileOutcome =
  | { kind: "parsed"; items: number }
  /** Hilo's own typed error: the answer a broken feed should get. */
  | { kind: "rejected"; reason: string; message: string }
  /** Any other exception, or the process reading the file dying. */
  | { kind: "crashed"; error: string }
  | { kind: "hung"; afterMs: number };

/** One corpus file's outcome and, for an encoding case, what its own expectations say of the decoded text. */
export interface FeedFileResult {
  file: string;
  outcome: FeedFileOutcome;
  encoding?: {
    /** The file is broken on purpose (feedparser expects "bozo"): its expected text is one parser's best recovery. */
    illFormed: boolean;
    checks: ExpectationResult[];
  };
}

/**
 * Runs one feed file through the functions live ingestion uses (decodeFeedBytes, then parseFeed), with
 * the HTTP content type the file says it was served with, if any. Encoding cases are also checked
 * against the expectations in their header comment.
 */
export async function examineFeedBytes(
  file: string,
  bytes: Uint8Array,
  encodingCase: boolean,
  now: number,
): Promise<FeedFileResult> {
  const header = readFeedTestHeader(bytes);
  let decoded: DecodedFeed | undefined;
  let parsed: ParsedFeed | undefined;
  let outcome: FeedFileOutcome;
  try {
    decoded = decodeFeedBytes(bytes, header.contentType, file);
    parsed = await parseFeed(decoded.text, { feed: file, publisher: "corpus" }, now);
    outcome = { kind: "parsed", items: parsed.items.length };
  } catch (error) {
    outcome = outcomeOfError(error);
  }
  if (!encodingCase) return { file, outcome };
  const seen = parsed && { title: parsed.title, firstItemText: parsed.items[0]?.text };
  const expect = header.expect ?? "";
  const checks = textExpectations(expect).map((expectation) => checkTextExpectation(expectation, bytes, decoded, seen));
  return { file, outcome, encoding: { illFormed: /\bbozo\b/.test(expect) && !/\bnot\s+bozo\b/.test(expect), checks } };
}

/** Hilo's typed errors are rejections, the answer a broken feed should get; anything else is a crash. */
export function outcomeOfError(error: unknown): FeedFileOutcome {
  if (error instanceof FeedError) return { kind: "rejected", reason: error.reason, message: error.message };
  if (error instanceof ContentError) return { kind: "rejected", reason: "content", message: error.message };
  return { kind: "crashed", error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

/** Totals over the corpus, with examples of each way a file can fail. */
export interface FeedCorpusSummary {
  files: number;
  parsed: { files: number; items: number };
  rejected: { files: number; byReason: Record<string, number>; examples: { file: string; message: string }[] };
  crashed: { file: string; error: string }[];
  hung: string[];
  /** Outcome kinds per manifest category, e.g. how many well-formed feeds were rejected. */
  byCategory: Record<string, Record<FeedFileOutcome["kind"], number>>;
  /** Encoding cases of well-formed files, and apart those broken on purpose. */
  encoding: { wellFormed: EncodingTally; illFormed: EncodingTally };
}

/** How many encoding cases decoded to the text their header expects. */
export interface EncodingTally {
  cases: number;
  /** Cases whose header states a text expectation (an encoding or a decoded value); the rest only must not crash. */
  checked: number;
  right: number;
  wrong: { file: string; expected: string; got: string }[];
}

/** Adds up per-file results; `categoryOf` gives the manifest's category of a file. */
export function summarizeFeedCorpus(
  results: readonly FeedFileResult[],
  categoryOf: (file: string) => string,
  examplesPerReason = 2,
): FeedCorpusSummary {
  const summary: FeedCorpusSummary = {
    files: results.length,
    parsed: { files: 0, items: 0 },
    rejected: { files: 0, byReason: {}, examples: [] },
    crashed: [],
    hung: [],
    byCategory: {},
    encoding: { wellFormed: emptyTally(), illFormed: emptyTally() },
  };
  const examplesShown = new Map<string, number>();
  for (const { file, outcome, encoding } of results) {
    const category = categoryOf(file);
    summary.byCategory[category] ??= { parsed: 0, rejected: 0, crashed: 0, hung: 0 };
    const counts = summary.byCategory[category];
    counts[outcome.kind] += 1;
    switch (outcome.kind) {
      case "parsed":
        summary.parsed.files += 1;
        summary.parsed.items += outcome.items;
        break;
      case "rejected": {
        summary.rejected.files += 1;
        summary.rejected.byReason[outcome.reason] = (summary.rejected.byReason[outcome.reason] ?? 0) + 1;
        const shown = examplesShown.get(outcome.reason) ?? 0;
        if (shown < examplesPerReason) summary.rejected.examples.push({ file, message: outcome.message });
        examplesShown.set(outcome.reason, shown + 1);
        break;
      }
      case "crashed":
        summary.crashed.push({ file, error: outcome.error });
        break;
      case "hung":
        summary.hung.push(file);
        break;
    }
    if (!encoding) continue;
    const tally = encoding.illFormed ? summary.encoding.illFormed : summary.encoding.wellFormed;
    tally.cases += 1;
    if (encoding.checks.length === 0) continue;
    tally.checked += 1;
    const failed = encoding.checks.find((check) => !check.ok);
    if (failed) tally.wrong.push({ file, expected: failed.expected, got: failed.got });
    else tally.right += 1;
  }
  return summary;
}

function emptyTally(): EncodingTally {
  return { cases: 0, checked: 0, right: 0, wrong: [] };
}

/**
 * Whether a corpus file is an encoding case: what the manifest notes as one, and the rest of feedparser's
 * encoding and character-set sniffing folders (ill-formed on purpose, but still about decoding).
 */
export function isEncodingCase(entry: { file: string; note: string }): boolean {
  return /encoding/i.test(entry.note) || /^feedparser\/(?:encoding|illformed\/chardet)\//.test(entry.file);
}
