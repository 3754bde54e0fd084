import { createHash } from "node:crypto";
import { z } from "zod";
import type { ArticleInput } from "../src/digest/index.js";
import { Lang } from "../src/digest/model.js";
import { detectLanguage } from "../src/digest/text/detect-language.js";

/** One line of `hilo cluster` input. */
const ClusterLine = z
  .object({
    id: z.union([z.string().min(1), z.number()]).transform(String),
    title: z.string().default(""),
    text: z.string().default(""),
    lang: Lang.optional(),
    published: z.string().nullable().optional(),
    publisher: z.string().min(1).optional(),
    cluster: z.union([z.string(), z.number()]).transform(String).optional(),
    topic: z.union([z.string(), z.number()]).transform(String).optional(),
    split: z.string().optional(),
  })
  .refine((line) => line.title.trim() || line.text.trim(), { message: "needs a title or a text" })
  .refine((line) => !line.published || !Number.isNaN(Date.parse(line.published)), {
    message: "published is not a date",
    path: ["published"],
  });
export type ClusterLine = z.infer<typeof ClusterLine>;

/** A parsed line ready for the pipeline, with the caller's own id kept beside the internal one. */
export interface JsonlArticle {
  line: ClusterLine;
  article: ArticleInput;
  feed: { url: string; publisher: string };
}

/** Parses JSONL text; bad lines are reported with their number and skipped. */
export function readJsonlArticles(
  text: string,
  now: number,
  report: (lineNumber: number, problem: string) => void,
): JsonlArticle[] {
  const out: JsonlArticle[] = [];
  const seen = new Set<string>();
  text.split("\n").forEach((raw, index) => {
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      report(index + 1, `not JSON: ${(error as Error).message}`);
      return;
    }
    const parsed = ClusterLine.safeParse(json);
    if (!parsed.success) {
      report(
        index + 1,
        parsed.error.issues.map((issue) => `${issue.path.join(".") || "line"}: ${issue.message}`).join("; "),
      );
      return;
    }
    const line = parsed.data;
    if (seen.has(line.id)) {
      report(index + 1, `id ${line.id} appears twice; the first one is kept`);
      return;
    }
    seen.add(line.id);
    const title = line.title.replace(/\s+/g, " ").trim();
    const body = line.text.replace(/\s+/g, " ").trim();
    const publisher = line.publisher ?? "jsonl";
    out.push({
      line,
      feed: { url: `jsonl:${publisher}`, publisher },
      article: {
        id: createHash("sha256").update(`jsonl:${line.id}`).digest("hex"),
        feedUrl: `jsonl:${publisher}`,
        publisher,
        url: null,
        title: title || body.slice(0, 120),
        text: body,
        lang: line.lang ?? detectLanguage(`${title} ${body}`, "en"),
        publishedAt: line.published ? Date.parse(line.published) : now,
      },
    });
  });
  return out;
}
