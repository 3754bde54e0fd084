import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { TaggedSentence } from "./actor-discovery-eval.js";
import { type JsonlArticle, readJsonlArticles } from "./read-jsonl-articles.js";
import type { SummaryCluster } from "./summary-eval.js";

/** The files `hilo eval --all` reads from the evaluation folder (its README describes each). */
export const EVAL_FILES = {
  ecbplus: "ecbplus.jsonl",
  duc: "duc2003-task2.jsonl",
  multiling: "multiling2011-en.jsonl",
  conll: "conll2002-es-dev.jsonl",
  feedManifest: "feeds/manifest.json",
} as const;

/** A data file that is missing or does not have the shape the evaluation expects. */
export class EvalDataError extends Error {
  override name = "EvalDataError";
}

/** The evaluation files that are not in the folder. */
export function missingEvalFiles(dir: string): string[] {
  return Object.values(EVAL_FILES)
    .map((file) => join(dir, file))
    .filter((path) => !existsSync(path));
}

const SummaryLine = z.object({
  cluster: z.string().min(1),
  docs: z
    .array(
      z.object({
        id: z.string().min(1),
        title: z.string().default(""),
        text: z.string(),
        published: z.string().nullable().optional(),
      }),
    )
    .min(1),
  references: z.array(z.string().min(1)).min(1),
});

const ConllLine = z
  .object({ id: z.string().min(1), tokens: z.array(z.string()), tags: z.array(z.string()) })
  .refine((line) => line.tokens.length === line.tags.length, { message: "tokens and tags differ in length" });

const ManifestEntry = z.object({ file: z.string().min(1), category: z.string(), note: z.string().default("") });
export type FeedManifestEntry = z.infer<typeof ManifestEntry>;

/** ECB+ lines, each with a cluster (the gold event), a topic and a split. */
export function readEcbPlus(dir: string): JsonlArticle[] {
  const path = join(dir, EVAL_FILES.ecbplus);
  const problems: string[] = [];
  const lines = readJsonlArticles(read(path), Date.parse("2000-01-01T00:00:00Z"), (line, problem) =>
    problems.push(`line ${line}: ${problem}`),
  );
  if (problems.length === 0 && lines.some((entry) => entry.line.cluster === undefined))
    problems.push(`every line needs a "cluster" field`);
  if (problems.length > 0) throw new EvalDataError(`${path}: ${problems.slice(0, 3).join("; ")}`);
  return lines;
}

/** DUC or MultiLing clusters: documents and the human summaries of them. */
export function readSummaryClusters(dir: string, file: string): SummaryCluster[] {
  const path = join(dir, file);
  return readJsonl(path, SummaryLine).map((line) => ({
    id: line.cluster,
    references: line.references,
    docs: line.docs.map((doc) => ({ id: doc.id, title: doc.title, text: doc.text, publishedAt: publishedAt(doc) })),
  }));
}

/** CoNLL-2002 sentences with their IOB2 tags. */
export function readTaggedSentences(dir: string): TaggedSentence[] {
  return readJsonl(join(dir, EVAL_FILES.conll), ConllLine);
}

/** The feed corpus's manifest: one entry per file, with its category and provenance note. */
export function readFeedManifest(dir: string): FeedManifestEntry[] {
  const path = join(dir, EVAL_FILES.feedManifest);
  let json: unknown;
  try {
    json = JSON.parse(read(path));
  } catch (error) {
    throw new EvalDataError(`${path}: not JSON: ${(error as Error).message}`);
  }
  const parsed = z.array(ManifestEntry).safeParse(json);
  if (!parsed.success) throw new EvalDataError(`${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

// DUC gives a date; MultiLing's WikiNews texts open with one ("Saturday, January 8, 2005 …") or their
// titles do ("2005/01/08 …").
function publishedAt(doc: { title: string; text: string; published?: string | null | undefined }): number | undefined {
  const candidates = [
    doc.published ?? undefined,
    /^(?:[A-Z][a-z]+day,\s+)?([A-Z][a-z]+ \d{1,2}, \d{4})\b/.exec(doc.text)?.[1],
    /^(\d{4})\/(\d{2})\/(\d{2})\b/.exec(doc.title)?.slice(1).join("-"),
  ];
  for (const candidate of candidates) {
    const time =
      candidate === undefined
        ? NaN
        : Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(candidate) ? `${candidate}T00:00:00Z` : `${candidate} UTC`);
    if (!Number.isNaN(time)) return time;
  }
  return undefined;
}

function readJsonl<T>(path: string, schema: z.ZodType<T>): T[] {
  const out: T[] = [];
  const problems: string[] = [];
  read(path)
    .split("\n")
    .forEach((raw, index) => {
      if (!raw.trim()) return;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (error) {
        problems.push(`line ${index + 1}: not JSON: ${(error as Error).message}`);
        return;
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) out.push(parsed.data);
      else
        problems.push(
          `line ${index + 1}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "line"}: ${issue.message}`).join("; ")}`,
        );
    });
  if (problems.length > 0)
    throw new EvalDataError(
      `${path}: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ""}`,
    );
  return out;
}

function read(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new EvalDataError(`cannot read ${path}: ${(error as Error).message}`);
  }
}
