import type { Actor } from "../src/digest/content/story-pack.js";
import { canonicalUrl } from "../src/digest/feeds/canonical-url.js";
import type { StoredArticle } from "../src/digest/store/article-store.js";
import type { DevelopmentLine, Reply } from "../src/digest/summaries/views.js";
import { tokenize } from "../src/digest/text/tokenize.js";
import { type ClusterScores, type Prf, scoreClusters, scoreLabelSets } from "./cluster-metrics.js";
import { type OutputReading, readOutputs } from "./read-outputs.js";
import type { CommandCheck, LabelledStory, StoryActorLabel, StoryArticleLabel } from "./story-labels.js";

/** What a stored article of the run is, as the evaluation needs it. */
export type EvaluatedArticle = StoredArticle & { actorIds: readonly string[] };

/** One message the replay would have sent, with the developments it is about. */
export interface SentMessage {
  at: number;
  kind: "alert" | "update" | "digest";
  developmentIds: readonly number[];
}

export interface StoryEvaluationInput {
  story: LabelledStory;
  articles: readonly EvaluatedArticle[];
  /** The actors Hilo can link: the pack's and any it discovered. */
  actors: readonly Pick<Actor, "id" | "names" | "aliases">[];
  /** Runs one command as a chat would and returns the answer. */
  ask: (command: string) => Reply | undefined;
  /** What a chat's "More" button shows for a development (its longer summary and reports), when it is to be read. */
  more?: ((developmentId: number) => Reply) | undefined;
  /** What the replay sent, when alerts are to be scored. */
  sent?: readonly SentMessage[] | undefined;
  /** Outlets needed for a development to be alert-worthy (the story's alert policy). */
  minPublishers: number;
  /** How much one of our developments belongs to the story (0 to 1), and the line from which it is on it. */
  relevanceOf: (developmentId: number) => number;
  onStory: number;
}

export interface CommandResult {
  command: string;
  passed: boolean;
  /** Why it failed, or what it showed. */
  detail: string;
}

export interface AlertScores {
  /** On-story developments whose reports reach the alert policy within a day: each should alert once. */
  eligible: number;
  alertedOnce: number;
  missed: string[];
  /** Developments alerted more than once (through rewrites split off as new developments). */
  duplicates: string[];
  /** Alerts whose development is mostly off-story reports. */
  offStory: string[];
  updates: number;
}

export interface StoryEvaluation {
  articles: { labelled: number; found: number; missing: string[] };
  developments: {
    all: ClusterScores;
    onStory: ClusterScores;
    worstMerges: { pair: [string, string]; articlePairs: number }[];
  };
  actors: Prf & {
    truePositives: number;
    falsePositives: number;
    falseNegatives: number;
    /** Our actors with no labelled counterpart, and how many links they made (not scored). */
    outside: { actor: string; links: number }[];
    trapHits: { kind: string; surface: string; actor: string; guid: string }[];
    traps: Record<string, number>;
  };
  commands: CommandResult[];
  /** What a reader finds wrong in the replies to every command a user would try (see outputCommands). */
  output: OutputReading;
  alerts: AlertScores | undefined;
  /** Labelled developments judged on or off the story as their reports' developments are. */
  relevance: {
    onStoryKept: number;
    onStory: number;
    offStoryKept: number;
    offStory: number;
    wrong: { development: string; onStory: boolean; relevance: number }[];
  };
}

const DAY = 24 * 60 * 60 * 1000;

/** Scores one run of the real pipeline over a labelled story folder: developments, actors, commands and alerts. */
export function evaluateStory(input: StoryEvaluationInput): StoryEvaluation {
  const { story, articles } = input;
  const byUrl = new Map<string, EvaluatedArticle>();
  for (const article of articles) if (article.url) byUrl.set(article.url, article);
  const byTitle = new Map<string, EvaluatedArticle[]>();
  for (const article of articles)
    byTitle.set(fold(article.title), [...(byTitle.get(fold(article.title)) ?? []), article]);

  const found = new Map<string, EvaluatedArticle>();
  const missing: string[] = [];
  for (const label of story.labels.articles) {
    const article =
      byUrl.get(canonicalUrl(label.link) ?? label.link) ??
      (byTitle.get(fold(label.title)) ?? []).find((candidate) => candidate.publisher === label.feed);
    if (article) found.set(label.guid, article);
    else missing.push(label.guid);
  }
  const labelOf = new Map(story.labels.articles.map((label) => [label.guid, label]));
  const goldDevelopmentOfArticle = new Map<string, string>();
  for (const [guid, article] of found) goldDevelopmentOfArticle.set(article.id, labelOf.get(guid)!.development);

  return {
    articles: { labelled: story.labels.articles.length, found: found.size, missing },
    developments: scoreDevelopments(story, found),
    actors: scoreActors(story, found, input.actors),
    commands: story.checks.map((check) => runCheck(check, input, found, goldDevelopmentOfArticle)),
    output: readOutputs(outputReplies(story, input), "es"),
    alerts: input.sent
      ? scoreAlerts(story, articles, goldDevelopmentOfArticle, input.sent, input.minPublishers)
      : undefined,
    relevance: scoreRelevance(story, found, input),
  };
}

/**
 * The commands a subscriber would try, whose replies are read for boilerplate, cut sentences and untagged
 * languages: the story's checks, the lists, the digest of the last week, and a question per labelled development in
 * each language (its title, as a reader who heard of it would ask).
 */
export function outputCommands(story: LabelledStory): string[] {
  const questions = story.labels.developments.flatMap((development) => [
    `/ask ${development.title_es}`,
    `/ask ${development.title_en}`,
  ]);
  const commands = [
    ...story.checks.map((check) => check.command),
    "/digest 7d",
    "/latest",
    "/timeline",
    "/actors",
    "/actors new",
    ...questions,
  ];
  return [...new Set(commands)];
}

/** The replies to outputCommands, then the "More" text of every development they list. */
function outputReplies(
  story: LabelledStory,
  input: StoryEvaluationInput,
): { command: string; reply: Reply | undefined }[] {
  const replies = outputCommands(story).map((command) => ({ command, reply: input.ask(command) }));
  const { more } = input;
  if (!more) return replies;
  const listed = new Set<number>();
  for (const { reply } of replies) {
    const lines =
      reply?.kind === "developments" ? reply.lines : reply?.kind === "actor" ? reply.actor.developments : [];
    for (const line of lines) listed.add(line.developmentId);
  }
  return [...replies, ...[...listed].map((id) => ({ command: `More ${id}`, reply: more(id) }))];
}

/** A labelled development is judged on the story when its reports' developments are, on average, on it. */
function scoreRelevance(
  story: LabelledStory,
  found: ReadonlyMap<string, EvaluatedArticle>,
  input: StoryEvaluationInput,
): StoryEvaluation["relevance"] {
  const result: StoryEvaluation["relevance"] = { onStoryKept: 0, onStory: 0, offStoryKept: 0, offStory: 0, wrong: [] };
  for (const development of story.labels.developments) {
    const scores = story.labels.articles
      .filter((label) => label.development === development.id && found.has(label.guid))
      .map((label) => input.relevanceOf(found.get(label.guid)!.developmentId));
    if (scores.length === 0) continue;
    const relevance = scores.reduce((sum, score) => sum + score, 0) / scores.length;
    const judgedOn = relevance >= input.onStory;
    if (development.on_story) {
      result.onStory += 1;
      if (judgedOn) result.onStoryKept += 1;
    } else {
      result.offStory += 1;
      if (!judgedOn) result.offStoryKept += 1;
    }
    if (judgedOn !== development.on_story)
      result.wrong.push({ development: development.id, onStory: development.on_story, relevance });
  }
  return result;
}

function scoreDevelopments(
  story: LabelledStory,
  found: ReadonlyMap<string, EvaluatedArticle>,
): StoryEvaluation["developments"] {
  const gold = new Map<string, string>();
  const predicted = new Map<string, string>();
  const onStoryGold = new Map<string, string>();
  for (const label of story.labels.articles) {
    const article = found.get(label.guid);
    // A labelled item Hilo never stored counts as a development of its own, as the corpus's scorer does.
    const cluster = article ? String(article.developmentId) : `missing:${label.guid}`;
    gold.set(label.guid, label.development);
    predicted.set(label.guid, cluster);
    if (label.on_story) onStoryGold.set(label.guid, label.development);
  }
  const merges = new Map<string, number>();
  const labels = story.labels.articles;
  for (let i = 0; i < labels.length; i += 1) {
    for (let j = i + 1; j < labels.length; j += 1) {
      const a = labels[i]!;
      const b = labels[j]!;
      if (a.development === b.development || predicted.get(a.guid) !== predicted.get(b.guid)) continue;
      const key = [a.development, b.development].sort().join(" + ");
      merges.set(key, (merges.get(key) ?? 0) + 1);
    }
  }
  const worstMerges = [...merges]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, 8)
    .map(([key, articlePairs]) => ({ pair: key.split(" + ") as [string, string], articlePairs }));
  return { all: scoreClusters(gold, predicted), onStory: scoreClusters(onStoryGold, predicted), worstMerges };
}

/**
 * Each of our actors stands for the labelled actor whose names and aliases share most of its own (accents and case
 * ignored); an actor with none in common is outside the labels and its links are reported, not scored.
 */
function actorMapping(ours: StoryEvaluationInput["actors"], labelled: readonly StoryActorLabel[]): Map<string, string> {
  const byForm = new Map<string, Set<string>>();
  for (const actor of labelled) {
    for (const form of [actor.name_es, actor.name_en, ...actor.aliases_seen, ...actor.other_known_aliases]) {
      const key = fold(form);
      if (!byForm.has(key)) byForm.set(key, new Set());
      byForm.get(key)!.add(actor.id);
    }
  }
  const mapping = new Map<string, string>();
  for (const actor of ours) {
    const votes = new Map<string, number>();
    const forms = [actor.names.es, actor.names.en, ...actor.aliases];
    forms.forEach((form, index) => {
      // The names say most; an alias shared by two labelled actors says little.
      const weight = index < 2 ? 3 : 1;
      const ids = byForm.get(fold(form)) ?? new Set<string>();
      for (const id of ids) votes.set(id, (votes.get(id) ?? 0) + weight / ids.size);
    });
    const best = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (best) mapping.set(actor.id, best[0]);
  }
  return mapping;
}

function scoreActors(
  story: LabelledStory,
  found: ReadonlyMap<string, EvaluatedArticle>,
  ours: StoryEvaluationInput["actors"],
): StoryEvaluation["actors"] {
  const mapping = actorMapping(ours, story.labels.actors);
  const gold = new Map<string, Set<string>>();
  const predicted = new Map<string, Set<string>>();
  const outside = new Map<string, number>();
  for (const label of story.labels.articles) {
    gold.set(label.guid, new Set(label.actors.map((actor) => actor.id)));
    const links = new Set<string>();
    for (const id of found.get(label.guid)?.actorIds ?? []) {
      const mapped = mapping.get(id);
      if (mapped) links.add(mapped);
      else outside.set(id, (outside.get(id) ?? 0) + 1);
    }
    predicted.set(label.guid, links);
  }
  const trapHits = story.labels.traps
    .filter((trap) => predicted.get(trap.guid)?.has(trap.must_not_link_to))
    .map((trap) => ({ kind: trap.kind, surface: trap.surface, actor: trap.must_not_link_to, guid: trap.guid }));
  const traps: Record<string, number> = {};
  for (const trap of story.labels.traps) traps[trap.kind] = (traps[trap.kind] ?? 0) + 1;
  return {
    ...scoreLabelSets(gold, predicted),
    outside: [...outside].map(([actor, links]) => ({ actor, links })).sort((a, b) => b.links - a.links),
    trapHits,
    traps,
  };
}

/** The labelled developments a list line shows: those of the reports it links to or whose title it repeats. */
function shownDevelopments(
  line: Pick<DevelopmentLine, "headline" | "links">,
  articles: readonly EvaluatedArticle[],
  goldOf: ReadonlyMap<string, string>,
): Set<string> {
  const shown = new Set<string>();
  const urls = new Set(line.links.map((link) => link.url));
  for (const article of articles) {
    const gold = goldOf.get(article.id);
    if (!gold) continue;
    if ((article.url && urls.has(article.url)) || fold(article.title) === fold(untagged(line.headline)))
      shown.add(gold);
  }
  return shown;
}

/** A headline without the language tag a chat of the other language sees ("[EN] Ecuador sues Mexico"). */
function untagged(headline: string): string {
  return headline.replace(/^\[(?:EN|ES)\] /, "");
}

function runCheck(
  check: CommandCheck,
  input: StoryEvaluationInput,
  found: ReadonlyMap<string, EvaluatedArticle>,
  goldOf: ReadonlyMap<string, string>,
): CommandResult {
  const reply = input.ask(check.command);
  const fail = (detail: string): CommandResult => ({ command: check.command, passed: false, detail });
  if (!reply) return fail("no answer");
  const articles = [...found.values()];
  const labelledActor = (id: string) => input.story.labels.actors.find((actor) => actor.id === id);
  if (reply.kind === "choices" && check.accept_clarification && check.resolves_to) {
    // A question back passes when it names every candidate the check expects.
    const text = fold([reply.question, ...reply.choices.map((choice) => choice.label)].join(" "));
    const named = [check.resolves_to, ...check.ambiguous_with].every((id) => {
      const actor = labelledActor(id);
      return actor !== undefined && [actor.name_es, actor.name_en].some((name) => text.includes(fold(name)));
    });
    return named
      ? { command: check.command, passed: true, detail: "asked back, naming the candidates" }
      : fail(`asked back without naming ${check.ambiguous_with.join(", ")}`);
  }
  let lines: readonly DevelopmentLine[];
  if (reply.kind === "actor") {
    if (check.resolves_to) {
      const mapping = actorMapping(input.actors, input.story.labels.actors);
      const actor = input.actors.find(
        (candidate) => candidate.names.es === reply.actor.name || candidate.names.en === reply.actor.name,
      );
      const resolved = actor ? mapping.get(actor.id) : undefined;
      if (resolved !== check.resolves_to)
        return fail(`answered with ${reply.actor.name} (${resolved ?? "no labelled actor"}), not ${check.resolves_to}`);
    }
    lines = reply.actor.developments;
  } else if (reply.kind === "developments") {
    lines = reply.lines;
  } else {
    return fail(`answered ${reply.kind === "error" ? reply.text : `a ${reply.kind} reply`}`);
  }
  const shownPerLine = lines.map((line) => shownDevelopments(line, articles, goldOf));
  const shown = new Set(shownPerLine.flatMap((set) => [...set]));
  const absent = check.must_include_developments.filter((id) => !shown.has(id));
  const intruders = check.must_not_include_developments.filter((id) => shown.has(id));
  const problems: string[] = [];
  if (absent.length > 0) problems.push(`missing ${absent.join(", ")}`);
  if (intruders.length > 0) problems.push(`lists ${intruders.join(", ")}`);
  if (check.expected_order) {
    const position = (id: string) => shownPerLine.findIndex((set) => set.has(id));
    const positions = check.expected_order.map(position).filter((at) => at >= 0);
    if (positions.some((at, i) => i > 0 && at < positions[i - 1]!))
      problems.push(`out of order: ${check.expected_order.map((id) => `${id}@${position(id)}`).join(" ")}`);
    const repeated = check.expected_order.filter((id) => shownPerLine.filter((set) => set.has(id)).length > 1);
    if (repeated.length > 0) problems.push(`shown on several lines: ${repeated.join(", ")}`);
  }
  return problems.length === 0
    ? { command: check.command, passed: true, detail: `${lines.length} lines` }
    : fail(problems.join("; "));
}

/**
 * Alerts against what should alert: every on-story development whose reports come from `minPublishers` outlets within
 * a day of its first report alerts exactly once; nothing else alerts. A message is about the labelled development
 * most of its development's reports belong to.
 */
function scoreAlerts(
  story: LabelledStory,
  articles: readonly EvaluatedArticle[],
  goldOf: ReadonlyMap<string, string>,
  sent: readonly SentMessage[],
  minPublishers: number,
): AlertScores {
  const majority = new Map<number, string>();
  const counts = new Map<number, Map<string, number>>();
  for (const article of articles) {
    const gold = goldOf.get(article.id);
    if (!gold) continue;
    const tally = counts.get(article.developmentId) ?? new Map<string, number>();
    tally.set(gold, (tally.get(gold) ?? 0) + 1);
    counts.set(article.developmentId, tally);
  }
  for (const [id, tally] of counts)
    majority.set(id, [...tally].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]);

  const onStory = new Map(story.labels.developments.map((development) => [development.id, development.on_story]));
  const eligible = story.labels.developments.filter(
    (development) => development.on_story && reachesPolicy(story.labels.articles, development.id, minPublishers),
  );
  const alertsPer = new Map<string, number>();
  const offStory: string[] = [];
  let updates = 0;
  for (const message of sent) {
    if (message.kind === "digest") continue;
    if (message.kind === "update") {
      updates += 1;
      continue;
    }
    const gold = majority.get(message.developmentIds[0] ?? -1) ?? "unlabelled";
    if (onStory.get(gold) !== true) offStory.push(gold);
    else alertsPer.set(gold, (alertsPer.get(gold) ?? 0) + 1);
  }
  return {
    eligible: eligible.length,
    alertedOnce: eligible.filter((development) => alertsPer.get(development.id) === 1).length,
    missed: eligible.filter((development) => !alertsPer.has(development.id)).map((development) => development.id),
    duplicates: [...alertsPer].filter(([, count]) => count > 1).map(([id]) => id),
    offStory,
    updates,
  };
}

function reachesPolicy(labels: readonly StoryArticleLabel[], development: string, minPublishers: number): boolean {
  const reports = labels
    .filter((label) => label.development === development)
    .sort((a, b) => Date.parse(a.published) - Date.parse(b.published));
  const first = reports[0];
  if (!first) return false;
  const within = reports.filter(
    (label) => Date.parse(label.published) - Date.parse(first.published) <= DAY && !label.syndicated_from,
  );
  return new Set(within.map((label) => label.feed)).size >= minPublishers;
}

function fold(text: string): string {
  return tokenize(text)
    .map((token) => token.folded)
    .join(" ");
}
