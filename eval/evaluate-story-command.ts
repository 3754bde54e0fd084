import { discoveredAsActor } from "../src/digest/actors/discovered-as-actor.js";
import { worldActors } from "../src/digest/actors/world-actors.js";
import { ON_STORY } from "../src/digest/developments/story-relevance.js";
import type { Db, Logger, StoryPack } from "../src/digest/index.js";
import { replayFeeds } from "../src/replay/replay-feeds.js";
import { articlesWithActors } from "./articles-with-actors.js";
import { evaluateStory, type StoryEvaluation } from "./evaluate-story.js";
import { clusterRow } from "./format-eval-report.js";
import { readLabelledStory } from "./story-labels.js";

/**
 * Replays a labelled story folder's feeds through the live pieces (`hilo replay`, one chat subscribed from the start)
 * with the pack of HILO_STORY_DIR, then scores what it filed and sent (`hilo eval --story DIR`); into `db` when given.
 */
export async function runStoryEvaluation(dir: string, pack: StoryPack, log: Logger, db?: Db): Promise<StoryEvaluation> {
  const story = readLabelledStory(dir);
  const replay = await replayFeeds({ files: story.feedFiles, pack, log, db });
  try {
    const { hilo } = replay;
    const chat = { platform: "eval", chatId: "eval" };
    return evaluateStory({
      story,
      articles: articlesWithActors(hilo.pipeline),
      actors: [...pack.actors, ...worldActors(pack).actors, ...hilo.pipeline.discovery.all().map(discoveredAsActor)],
      ask: (command) => hilo.answer(command, chat, "es"),
      more: (developmentId) => hilo.developmentMore(developmentId, "es"),
      sent: replay.events,
      minPublishers: pack.settings.alertPolicy.minPublishers,
      relevanceOf: (id) => hilo.pipeline.developments.get(id)?.relevance ?? 0,
      onStory: ON_STORY,
    });
  } finally {
    // A database given is its owner's to close.
    if (!db) replay.db.close();
  }
}

/** The plain-text report of `hilo eval --story`. */
export function formatStoryEvaluation(dir: string, packDir: string, evaluation: StoryEvaluation): string {
  const out: string[] = [`Story ${dir} through the pipeline with the pack ${packDir}`, ""];
  const { articles, developments, actors, commands, alerts } = evaluation;
  out.push(
    `articles: ${articles.found} of ${articles.labelled} labelled items found${articles.missing.length > 0 ? `; missing: ${articles.missing.slice(0, 5).join(", ")}` : ""}`,
    "",
  );
  out.push(
    "| split | docs | gold | predicted | B³ P | B³ R | B³ F1 | pair P | pair R | pair F1 |",
    "|---|---|---|---|---|---|---|---|---|---|",
  );
  out.push(clusterRow("all", developments.all), clusterRow("on-story", developments.onStory));
  if (developments.worstMerges.length > 0) {
    out.push("worst merges (article pairs wrongly together):");
    for (const merge of developments.worstMerges)
      out.push(`  ${String(merge.articlePairs).padStart(4)}  ${merge.pair.join(" + ")}`);
  }
  out.push("");
  out.push(
    `actors: precision ${fmt(actors.precision)} recall ${fmt(actors.recall)} F1 ${fmt(actors.f1)} (tp ${actors.truePositives}, fp ${actors.falsePositives}, fn ${actors.falseNegatives})`,
  );
  if (actors.outside.length > 0)
    out.push(
      `  links by actors outside the labels (not scored): ${actors.outside.map((o) => `${o.actor} ${o.links}`).join(", ")}`,
    );
  for (const [kind, total] of Object.entries(actors.traps)) {
    const hits = actors.trapHits.filter((hit) => hit.kind === kind);
    out.push(
      `  traps ${kind}: ${hits.length} of ${total} hit${hits.map((hit) => `\n    "${hit.surface}" → ${hit.actor} in ${hit.guid}`).join("")}`,
    );
  }
  out.push("");
  const r = evaluation.relevance;
  out.push(
    `story relevance: ${r.onStoryKept} of ${r.onStory} on-story developments on the story, ${r.offStoryKept} of ${r.offStory} distractors off it` +
      r.wrong
        .map(
          (w) =>
            `\n  wrong: ${w.development} (${w.onStory ? "on" : "off"} the story, relevance ${w.relevance.toFixed(2)})`,
        )
        .join(""),
    "",
  );
  out.push(`commands: ${commands.filter((command) => command.passed).length} of ${commands.length} right`);
  for (const command of commands)
    out.push(`  ${command.passed ? "ok  " : "FAIL"} ${command.command} — ${command.detail}`);
  const { output } = evaluation;
  out.push(
    "",
    `output of ${output.replies} replies (checks, lists, digest, a question per development, More of each on the timeline): boilerplate ${output.boilerplate.length}, ` +
      `cut sentences ${output.cutSentences.length}, untagged other language ${output.untaggedLanguage.length}`,
  );
  for (const [kind, flaws] of [
    ["boilerplate", output.boilerplate],
    ["cut", output.cutSentences],
    ["untagged", output.untaggedLanguage],
  ] as const) {
    for (const flaw of flaws.slice(0, 5))
      out.push(`  ${kind}: ${flaw.command} ${flaw.field}: ${flaw.text.slice(0, 160)}`);
  }
  if (alerts) {
    out.push("");
    out.push(
      `alerts: ${alerts.alertedOnce} of ${alerts.eligible} eligible on-story developments alerted exactly once; ` +
        `missed ${alerts.missed.length}${alerts.missed.length ? ` (${alerts.missed.join(", ")})` : ""}; ` +
        `duplicates ${alerts.duplicates.length}${alerts.duplicates.length ? ` (${alerts.duplicates.join(", ")})` : ""}; ` +
        `off-story ${alerts.offStory.length}${alerts.offStory.length ? ` (${alerts.offStory.join(", ")})` : ""}; updates ${alerts.updates}`,
    );
  }
  return `${out.join("\n")}\n`;
}

function fmt(value: number): string {
  return value.toFixed(3);
}
