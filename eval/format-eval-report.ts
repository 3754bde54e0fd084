import type { ClusterScores } from "./cluster-metrics.js";
import type { EvalReport } from "./run-eval-suite.js";
import type { SummaryScores } from "./summary-eval.js";

// Published figures the data's README quotes, printed beside Hilo's so each run can be read on its own.
const PUBLISHED: Record<string, string> = {
  "DUC 2003 task 2":
    "published on DUC 2004 task 2 (same task, ROUGE-1.5.5, same settings): Lead 31.46/6.13 · LexRank 36.00/7.51 · " +
    "Centroid 36.42/7.98 · CLASSY04 37.71/9.02 · ICSISumm 38.44/9.81",
  "MultiLing 2011 en":
    "published (organisers' ROUGE): centroid baseline 38.11/10.96 · best participants 46.48 R-1, 17.33 R-2",
};
const TUNING: Record<string, string> = {
  "DUC 2003 task 2": "dev: the extractive summary's settings were tuned here",
  "MultiLing 2011 en": "not tuned on",
};

/** The plain-text report of `hilo eval --all`. */
export function formatEvalReport(report: EvalReport): string {
  const out: string[] = [`Hilo evaluation on ${report.dataDir} (${report.seconds.toFixed(1)} s)`, ""];

  const { developments } = report;
  out.push(
    `1. Developments: ${developments.dataset}, grouped by the pipeline without the story pack, each split on its own`,
  );
  out.push(
    "| split | docs | gold | predicted | B³ P | B³ R | B³ F1 | pair P | pair R | pair F1 | topics apart |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const { split, scores, topicsApart } of developments.splits) {
    out.push(`${clusterRow(split, scores)} ${topicsApart ? `${topicsApart.apart}/${topicsApart.topics}` : "–"} |`);
  }
  out.push(
    "topics apart: topics whose two events ended in disjoint developments. Bar: pairwise F1 ≈ 0.95 (Miranda et al. 2018, on their own data).",
    "",
  );

  out.push(
    "2. Summaries: ROUGE-1 / ROUGE-2 recall (%), Porter-stemmed, stopwords kept, mean over references, then over clusters",
  );
  for (const { dataset, maxWords, systems } of report.summaries) {
    out.push(
      `${dataset}: ${systems[0]?.clusters ?? 0} clusters, summaries cut to ${maxWords} words; ${TUNING[dataset] ?? ""}`,
    );
    out.push("| system | R-1 | R-2 | words before the cut |", "|---|---|---|---|");
    for (const system of systems) out.push(summaryRow(system));
    if (PUBLISHED[dataset]) out.push(PUBLISHED[dataset]!);
    out.push("");
  }
  out.push(
    "Lead: the newest document's first 665 bytes (DUC) or 250 words (MultiLing). Hilo chat summary: the headline and",
    "≤2 sentences a development shows today. Hilo extractive: the word-budget summary of summaries/extractive-summary.ts.",
    "",
  );

  const a = report.actors;
  out.push(
    `3. Emerging-actor discovery: ${a.dataset}, ${a.sentences} sentences, names outside the registry (${a.registry})`,
  );
  out.push(
    "Hilo's discovery proposes names for a person to review without a type (the kind is chosen when the actor is",
    "added), so typed F1 (exact span and type) does not apply; scores are for the exact span, any type, against PER/ORG/LOC.",
  );
  out.push("| match | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|");
  const u = a.untyped;
  out.push(
    `| exact span, untyped | ${fmt(u.precision)} | ${fmt(u.recall)} | ${fmt(u.f1)} | ${u.truePositives} | ${u.falsePositives} | ${u.falseNegatives} |`,
  );
  const byType = Object.entries(a.recallByType).map(
    ([type, { found, names }]) => `${type} ${found}/${names} (${pct(found, names)})`,
  );
  out.push(`recall by gold type: ${byType.join(" · ")}`);
  out.push(
    `gold names scored: ${a.goldNames}; left out as already in the registry: ${a.goldInRegistry}. Among the false positives: ` +
      `${a.proposedMisc} are exactly a MISC name, ${a.unaligned} do not fall on token boundaries.`,
    "",
  );

  const f = report.feeds;
  out.push(
    `4. Feed corpus: ${f.files} files of ${f.dataset} through decodeFeedBytes + parseFeed, as live ingestion reads them`,
  );
  out.push(`parsed: ${f.parsed.files} files (${f.parsed.items} items)`);
  const reasons = Object.entries(f.rejected.byReason)
    .sort((x, y) => y[1] - x[1])
    .map(([reason, count]) => `${reason} ${count}`);
  out.push(`rejected with Hilo's typed error: ${f.rejected.files} (${reasons.join(", ") || "none"}), for example:`);
  for (const { file, message } of f.rejected.examples) out.push(`  ${file} → ${message.replace(`feed ${file}: `, "")}`);
  out.push(
    `crashes (any other exception): ${f.crashed.length}${f.crashed.map(({ file, error }) => `\n  ${file} → ${error}`).join("")}`,
  );
  out.push(
    `hangs (still running after the per-file bound): ${f.hung.length}${f.hung.map((file) => `\n  ${file}`).join("")}`,
  );
  const categories = Object.entries(f.byCategory).map(
    ([category, counts]) =>
      `${category}: ${counts.parsed} parsed, ${counts.rejected} rejected${counts.crashed + counts.hung ? `, ${counts.crashed + counts.hung} crashed or hung` : ""}`,
  );
  out.push(`by manifest category: ${categories.join(" · ")}`);
  for (const [label, tally] of [
    ["encoding cases, well-formed", f.encoding.wellFormed],
    ["encoding cases, ill-formed on purpose (expected text is one parser's recovery)", f.encoding.illFormed],
  ] as const) {
    if (tally.cases === 0) {
      out.push(`${label}: none`);
      continue;
    }
    out.push(
      `${label}: ${tally.right}/${tally.checked} decode to the text their header expects` +
        `${tally.cases > tally.checked ? `; ${tally.cases - tally.checked} more state no text (must only not crash)` : ""}`,
    );
    for (const wrong of tally.wrong) out.push(`  ${wrong.file}: expected ${wrong.expected}, got ${wrong.got}`);
  }
  out.push("");

  out.push("5. Labelled stories, replayed through the bot (hilo eval --story) with the story pack of the same name");
  if (report.stories.length > 0) {
    out.push(
      "| story | B³ P | B³ R | B³ F1 | actors P | actors R | actors F1 | trap hits | relevance right | commands | alerted once | duplicates | off-story | replies read | boilerplate | cut sentences | untagged language |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    );
  }
  for (const { dir, evaluation: e } of report.stories) {
    const b = e.developments.all.bcubed;
    const traps = Object.values(e.actors.traps).reduce((sum, count) => sum + count, 0);
    const r = e.relevance;
    const alerts = e.alerts;
    out.push(
      `| ${dir} | ${fmt(b.precision)} | ${fmt(b.recall)} | ${fmt(b.f1)} | ${fmt(e.actors.precision)} | ${fmt(e.actors.recall)} | ${fmt(e.actors.f1)} | ` +
        `${e.actors.trapHits.length}/${traps} | ${r.onStoryKept + r.offStoryKept}/${r.onStory + r.offStory} | ` +
        `${e.commands.filter((command) => command.passed).length}/${e.commands.length} | ` +
        `${alerts ? `${alerts.alertedOnce}/${alerts.eligible} | ${alerts.duplicates.length} | ${alerts.offStory.length}` : "– | – | –"} | ` +
        `${e.output.replies} | ${e.output.boilerplate.length} | ${e.output.cutSentences.length} | ${e.output.untaggedLanguage.length} |`,
    );
  }
  if (report.stories.length > 0) {
    out.push(
      "replies read: every command's reply on the story (its checks, the lists, a week's digest, a question per labelled development in each",
      "language, More of each development listed), read for page furniture, sentences cut short and other-language items without their tag.",
    );
  }
  for (const { dir, reason } of report.storiesSkipped) out.push(`skipped ${dir}: ${reason}`);
  if (report.stories.length === 0 && report.storiesSkipped.length === 0) out.push("none in this folder");
  return `${out.join("\n")}\n`;
}

/** One markdown table row of clustering scores: sizes, then B-cubed and pairwise P/R/F1. */
export function clusterRow(name: string, scores: ClusterScores): string {
  const { bcubed: b, pairwise: p } = scores;
  return `| ${name} | ${scores.items} | ${scores.goldClusters} | ${scores.predictedClusters} | ${fmt(b.precision)} | ${fmt(b.recall)} | ${fmt(b.f1)} | ${fmt(p.precision)} | ${fmt(p.recall)} | ${fmt(p.f1)} |`;
}

function summaryRow(system: SummaryScores): string {
  return `| ${system.system} | ${(100 * system.rouge1).toFixed(2)} | ${(100 * system.rouge2).toFixed(2)} | ${system.meanWords.toFixed(0)} |`;
}

function fmt(value: number): string {
  return value.toFixed(3);
}

function pct(part: number, whole: number): string {
  return whole === 0 ? "–" : `${((100 * part) / whole).toFixed(1)}%`;
}
