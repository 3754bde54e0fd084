import { createActorNamer } from "../actors/actor-names.js";
import { discoveredAsActor } from "../actors/discovered-as-actor.js";
import { findActor } from "../actors/find-actor.js";
import { worldActors } from "../actors/world-actors.js";
import type { StoryPack } from "../content/load-story-pack.js";
import type { Actor } from "../content/story-pack.js";
import { developmentStatus } from "../developments/development-status.js";
import { ON_STORY } from "../developments/story-relevance.js";
import type { Messages } from "../i18n/messages.js";
import { messagesFor } from "../i18n/messages-for.js";
import type { Development, Lang } from "../model.js";
import type { ChatRecord, ChatStore } from "../store/chat-store.js";
import type { DevelopmentStore } from "../store/development-store.js";
import type { DiscoveryStore } from "../store/discovery-store.js";
import type { FeedStore } from "../store/feed-store.js";
import type { SubscriptionStore } from "../store/subscription-store.js";
import { answerSentences } from "../summaries/answer-question.js";
import { buildSourcesReply } from "../summaries/build-sources-reply.js";
import { composeDigest, type DigestSources } from "../summaries/compose-digest.js";
import { extractiveSummary } from "../summaries/extractive-summary.js";
import { formatDateTime, formatMonth, formatShortDate } from "../summaries/format-date.js";
import { searchQuery } from "../summaries/search-query.js";
import { sourceLinks } from "../summaries/source-links.js";
import { languageTag, toldIn } from "../summaries/told-in.js";
import type { DevelopmentLine, Reply } from "../summaries/views.js";
import type { Command, CommandProblem } from "./parse-command.js";
import { explainSettingsProblem, runSettingsCommand } from "./run-settings-command.js";
import { screenQuestion } from "./screen-question.js";

const DAY = 24 * 60 * 60 * 1000;
// /actor lists this many of the developments most about the actor.
const ACTOR_DEVELOPMENTS = 8;
// A question reads the reports of the five developments that match it best, the newest 30 of each.
const ANSWER_DEVELOPMENTS = 5;
const ANSWER_REPORTS = 30;
// Sources lists one report per outlet, at most this many; More the newest reports, at most this many.
const SOURCES_LIMIT = 20;
const MORE_REPORTS = 12;
// When nothing answers, at most three developments are offered as the nearest.
const NEAREST_DEVELOPMENTS = 3;

export interface CommandContext {
  pack: StoryPack;
  developments: DevelopmentStore;
  chats: ChatStore;
  /** The story's clock: the current time live, the end of the corpus in the demo. */
  now: () => number;
  /** Characters the adapter can show in one digest. */
  digestBudget: number;
  subscriptions: SubscriptionStore;
  /** Wall-clock time, for when a chat subscribed (the story clock may be a demo's past). */
  wallClock: () => number;
  /** The feeds /sources reports on; without it /sources lists none. */
  feeds?: FeedStore | undefined;
  /** IDF weights of the archive, for the longer summary of a development's "More" view. */
  idf?: ((term: string) => number) | undefined;
  /** Actors discovered in the news; without it /actor knows only the registry. */
  discovery?: DiscoveryStore | undefined;
}

/** Who is asking: in a group, only admins may change the chat's settings. */
export interface Caller {
  canConfigure: boolean;
}

/** Answers commands from any adapter with platform-neutral replies in the chat's language. */
export class CommandRunner {
  private readonly digestSources: DigestSources;
  private readonly actorName: (actorId: string, lang: Lang) => string;

  /** The story's own actors, then the gazetteer's countries and bodies it does not cover. */
  private readonly registry: Actor[];
  constructor(private readonly context: CommandContext) {
    this.registry = [...context.pack.actors, ...worldActors(context.pack).actors];
    this.actorName = (id, lang) => createActorNamer(this.lookupActors())(id, lang);
    this.digestSources = {
      pack: context.pack,
      developments: context.developments,
      actorName: this.actorName,
      budget: context.digestBudget,
    };
  }

  /** One request's clock: the story's "now", read once when the request starts (in the demo each read is a query). */
  private requestNow: number | undefined;

  /** The time of the request being answered, else the story clock now. */
  private now(): number {
    return this.requestNow ?? this.context.now();
  }

  /** Runs one request with the clock read once for all of it. */
  private request<T>(answer: () => T): T {
    if (this.requestNow !== undefined) return answer();
    this.requestNow = this.context.now();
    try {
      return answer();
    } finally {
      this.requestNow = undefined;
    }
  }

  run(command: Command, chat: ChatRecord, caller: Caller = { canConfigure: true }): Reply {
    return this.request(() => this.runNow(command, chat, caller));
  }

  private runNow(command: Command, chat: ChatRecord, caller: Caller): Reply {
    const m = messagesFor(chat.lang);
    const now = this.now();
    switch (command.name) {
      case "subscribe":
      case "unsubscribe":
      case "alerts":
      case "quiet":
      case "settings":
      case "lang":
        if (!caller.canConfigure && command.name !== "settings") return { kind: "error", text: m.onlyAdmins };
        return runSettingsCommand(command, chat, {
          chats: this.context.chats,
          subscriptions: this.context.subscriptions,
          defaultTimeZone: this.context.pack.settings.timeZone,
          now: this.context.wallClock,
        });
      case "help":
        return { kind: "text", lines: [m.help(this.context.pack.settings.titles[chat.lang])] };
      case "start":
        return this.storySoFar(m.welcome(this.context.pack.settings.titles[chat.lang]), chat.lang, now);
      case "digest":
        return this.digest(chat, command.windowHours, now);
      case "sources":
        return buildSourcesReply(this.context.feeds?.all() ?? [], m, this.context.pack.settings.timeZone);
      case "latest":
        // Newest report first, each dated by that report: the date a line shows is the one the list is sorted by.
        return this.developmentList(
          m.latestTitle,
          this.context.developments.latest(now, 8, ON_STORY),
          chat.lang,
          m.nothingYet,
          "last",
        );
      case "actor":
        return this.actor(command.query, chat.lang, now);
      case "actors":
        return command.emerging ? this.emergingActors(chat.lang, now) : this.actorList(chat.lang);
      case "timeline":
        return this.timeline(command.actorQuery, command.days, chat.lang, now);
      case "search":
        return this.search(command.query, chat.lang);
      case "ask":
        return screenQuestion(command.question, chat.lang, "command") ?? this.ask(command.question, chat.lang);
    }
  }

  /** The welcome a group gets once when the bot joins: what it does, and the story so far. */
  introduction(lang: Lang): Reply {
    return this.storySoFar(messagesFor(lang).introduction(this.context.pack.settings.titles[lang]), lang, this.now());
  }

  /**
   * A question asked in words ("¿quién ofrece asilo a Maduro?"): up to three sentences of the reports that answer
   * it, each with its outlet and date; when none does, "not yet" and the developments nearest to the question.
   */
  ask(question: string, lang: Lang): Reply {
    return this.request(() => this.askNow(question, lang));
  }

  private askNow(question: string, lang: Lang): Reply {
    const m = messagesFor(lang);
    const store = this.context.developments;
    const query = searchQuery(question, this.context.pack);
    const hits = store.search(query.units, ANSWER_DEVELOPMENTS, query.minMatched);
    const sentences = answerSentences(
      query,
      hits.map((hit) => ({
        developmentId: hit.development.id,
        articles: store.latestOriginals(hit.development.id, ANSWER_REPORTS),
      })),
      lang,
    );
    const timeZone = this.context.pack.settings.timeZone;
    if (sentences.length > 0) {
      return {
        kind: "answer",
        answer: {
          title: m.answerTitle,
          sentences: sentences.map((sentence) => ({
            text: sentence.text,
            languageTag: sentence.lang === lang ? undefined : languageTag(sentence.lang),
            publisher: sentence.publisher,
            date: formatShortDate(sentence.publishedAt, m, timeZone),
            url: sentence.url,
            developmentId: sentence.developmentId,
          })),
          nearestTitle: undefined,
          nearest: [],
        },
      };
    }
    // Nothing answers: the developments sharing most with the question, even one word of it.
    const nearest = (hits.length > 0 ? hits : store.search(query.units, NEAREST_DEVELOPMENTS, 1)).slice(
      0,
      NEAREST_DEVELOPMENTS,
    );
    return {
      kind: "answer",
      answer: {
        title: m.answerUnknown,
        sentences: [],
        nearestTitle: nearest.length > 0 ? m.answerNearest : undefined,
        nearest: nearest.map((hit) => this.line(hit.development, lang, m, "last")),
      },
    };
  }

  /** Every outlet's report of one development (the "Sources" button). */
  developmentSources(developmentId: number, lang: Lang): Reply {
    const m = messagesFor(lang);
    const development = this.context.developments.get(developmentId);
    if (!development) return { kind: "error", text: m.unknownDevelopment };
    const timeZone = this.context.pack.settings.timeZone;
    // One report per outlet, newest first, originals with a web address only (what sourceLinks picks).
    const articles = new Map(
      this.context.developments.articlesOf(developmentId).map((article) => [article.url, article]),
    );
    const links = sourceLinks([...articles.values()], SOURCES_LIMIT);
    return {
      kind: "reports",
      reports: {
        title: m.sourcesOf(toldIn(development, lang).headline),
        summary: undefined,
        reports: links.map((link) => ({
          date: formatShortDate(articles.get(link.url)!.publishedAt, m, timeZone),
          publisher: link.publisher,
          title: link.title,
          url: link.url,
        })),
      },
    };
  }

  /** A development told in full (the "More" button): summary, then each report in order. */
  developmentMore(developmentId: number, lang: Lang): Reply {
    const m = messagesFor(lang);
    const development = this.context.developments.get(developmentId);
    if (!development) return { kind: "error", text: m.unknownDevelopment };
    const timeZone = this.context.pack.settings.timeZone;
    const articles = this.context.developments.articlesOf(developmentId).filter((article) => !article.copyOf);
    // A ~100-word summary of the reports in the chat's language (the evaluated extractive one); the short
    // stored summary when there are none in that language.
    const sameLanguage = articles.filter((article) => article.lang === lang);
    const longer =
      this.context.idf && sameLanguage.length > 0 ? extractiveSummary(sameLanguage, lang, this.context.idf).text : "";
    return {
      kind: "reports",
      reports: {
        title: m.moreAbout(toldIn(development, lang).headline),
        summary: longer || toldIn(development, lang).summary,
        reports: articles.slice(-MORE_REPORTS).map((article) => ({
          date: formatDateTime(article.publishedAt, m, timeZone),
          publisher: article.publisher,
          title: article.title,
          url: article.url && /^https?:\/\//.test(article.url) ? article.url : undefined,
        })),
      },
    };
  }

  private storySoFar(opening: string, lang: Lang, now: number): Reply {
    const m = messagesFor(lang);
    const top = this.context.developments
      .mostReported(now, 5, ON_STORY)
      .sort((a, b) => a.firstSeen - b.firstSeen || a.id - b.id);
    if (top.length === 0) return { kind: "text", lines: [opening, "", m.nothingYet] };
    return {
      kind: "text",
      lines: [
        opening,
        "",
        `${m.storySoFar}:`,
        ...top.map((development) => {
          const line = this.line(development, lang, m);
          return `· ${line.date}  ${line.headline} (${line.publishersLabel})`;
        }),
      ],
    };
  }

  /** The reply to a line that could not be parsed. */
  explain(problem: CommandProblem, lang: Lang): Reply | undefined {
    const m = messagesFor(lang);
    switch (problem.kind) {
      case "other-bot":
        return undefined;
      case "not-a-command":
        return { kind: "error", text: m.notACommand };
      case "unknown-command":
        return { kind: "error", text: m.unknownCommand(problem.name) };
      case "unexpected-argument":
        return { kind: "error", text: m.unexpectedArgument(problem.name, problem.argument, problem.example) };
      case "bad-window":
        return { kind: "error", text: m.badWindow(problem.argument) };
      case "window-out-of-range":
        return { kind: "error", text: m.windowOutOfRange(problem.argument, problem.maxDays) };
      case "actor-missing":
        return { kind: "error", text: m.actorMissing };
      case "actors-bad-argument":
        return { kind: "error", text: m.actorsBadArgument(problem.argument) };
      case "timeline-bad-days":
        return { kind: "error", text: m.timelineBadDays(problem.argument) };
      case "search-missing":
        return { kind: "error", text: m.searchMissing };
      default:
        return explainSettingsProblem(problem, m);
    }
  }

  private digest(chat: ChatRecord, windowHours: number | undefined, now: number): Reply {
    const sinceLastDigest = windowHours === undefined && chat.lastDigestAt !== null && chat.lastDigestAt <= now;
    const since = sinceLastDigest ? chat.lastDigestAt! : now - (windowHours ?? 24) * 60 * 60 * 1000;
    const digest = composeDigest(this.digestSources, { lang: chat.lang, since, until: now, sinceLastDigest });
    // An explicit window ("/digest 3d") is a look back, not the chat's digest: the next /digest still starts where the last one ended.
    if (windowHours === undefined) this.context.chats.markDigest(chat.id, now);
    return { kind: "digest", digest };
  }

  private actor(query: string, lang: Lang, now: number): Reply {
    const m = messagesFor(lang);
    const found = findActor(query, this.lookupActors());
    if (found.kind === "unknown") {
      return {
        kind: "error",
        text: m.actorUnknown(
          query,
          found.suggestions.slice(0, 2).map((a) => a.names[lang]),
        ),
      };
    }
    if (found.kind === "ambiguous")
      return this.actorChoices(query, found.candidates, lang, now, (actor) => `/actor ${actor.id}`);
    const { actor } = found;
    const store = this.context.developments;
    const developments = store
      .mostAbout(actor.id, now, ACTOR_DEVELOPMENTS)
      .sort((a, b) => b.lastSeen - a.lastSeen || b.id - a.id);
    const coActors = store.coActors(actor.id, 5);
    const timeZone = this.context.pack.settings.timeZone;
    const role = currentRole(actor, now);
    return {
      kind: "actor",
      actor: {
        name: actor.names[lang],
        role: role && `${role.title[lang]} (${m.actorSince(formatMonth(Date.parse(role.from), m, timeZone))})`,
        profile: actor.profile[lang],
        developmentsTitle: m.actorDevelopments,
        developments: developments.map((development) => this.line(development, lang, m, "last")),
        emptyNote: developments.length === 0 ? m.actorNoDevelopments : undefined,
        seenWith:
          coActors.length > 0
            ? m.actorSeenWith(coActors.map((c) => `${this.actorName(c.actorId, lang)} (${c.developments})`))
            : undefined,
      },
    };
  }

  /**
   * A question back listing the actors a query fits, the most reported first (the finder puts an ambiguous alias's
   * owner first, and keeps it there), each with its current role so the user can tell them apart.
   */
  private actorChoices(
    query: string,
    candidates: readonly Actor[],
    lang: Lang,
    now: number,
    command: (actor: Actor) => string,
  ): Reply {
    const m = messagesFor(lang);
    const [owner, ...rest] = candidates;
    const ranked = [
      owner!,
      ...rest.sort(
        (a, b) => this.context.developments.mentionCount(b.id) - this.context.developments.mentionCount(a.id),
      ),
    ].slice(0, 5);
    return {
      kind: "choices",
      question: m.actorAmbiguous(query),
      choices: ranked.map((actor) => {
        const role = currentRole(actor, now);
        return {
          label: role ? `${actor.names[lang]} — ${role.title[lang]}` : actor.names[lang],
          command: command(actor),
        };
      }),
    };
  }

  private actorList(lang: Lang): Reply {
    const m = messagesFor(lang);
    const now = this.now();
    const lines: string[] = [];
    for (const kind of ["person", "government", "organisation", "military-unit"] as const) {
      const actors = this.context.pack.actors.filter((actor) => actor.kind === kind);
      if (actors.length === 0) continue;
      lines.push("", `${m.actorsKinds[kind]}:`);
      for (const actor of actors) {
        const role = currentRole(actor, now);
        lines.push(`· ${actor.names[lang]}${role ? ` — ${role.title[lang]}` : ""}`);
      }
    }
    return { kind: "text", title: m.actorsTitle, lines: lines.slice(1) };
  }

  /** What /actor can show: the registry, then every actor discovered in the news so far. */
  private lookupActors(): Actor[] {
    const found = this.context.discovery?.all() ?? [];
    return [...this.registry, ...found.map(discoveredAsActor)];
  }

  /** Actors discovered in the last 30 days: named by several outlets, not in the registry, each with its counts. */
  private emergingActors(lang: Lang, now: number): Reply {
    const m = messagesFor(lang);
    const found = (this.context.discovery?.all() ?? []).filter((actor) => actor.lastSeen >= now - 30 * DAY);
    if (found.length === 0) return { kind: "text", title: m.actorsNewTitle, lines: [m.actorsNewEmpty] };
    return {
      kind: "text",
      title: m.actorsNewTitle,
      lines: found.slice(0, 15).map((actor) => `· ${m.actorsNewLine(actor.name, actor.articles, actor.publishers)}`),
    };
  }

  private timeline(actorQuery: string | undefined, days: number, lang: Lang, now: number): Reply {
    const m = messagesFor(lang);
    const from = now - days * DAY;
    const store = this.context.developments;
    if (actorQuery === undefined) {
      const developments = store.firstSeenBetween(from, now, 60, ON_STORY);
      return this.developmentList(m.timelineTitle(days), developments, lang, m.timelineEmpty(days));
    }
    const found = findActor(actorQuery, this.lookupActors());
    if (found.kind === "ambiguous")
      return this.actorChoices(actorQuery, found.candidates, lang, now, (actor) => `/timeline ${actor.id} ${days}`);
    if (found.kind !== "found") return this.actor(actorQuery, lang, now);
    const name = found.actor.names[lang];
    // A timeline tells the story: an actor's developments off it stay on /actor and /search.
    const developments = store
      .withActor(found.actor.id, from, now, 60)
      .filter((development) => development.relevance >= ON_STORY)
      .sort((a, b) => a.firstSeen - b.firstSeen || a.id - b.id);
    return this.developmentList(m.timelineTitle(days, name), developments, lang, m.timelineEmpty(days, name));
  }

  private search(query: string, lang: Lang): Reply {
    const m = messagesFor(lang);
    const { units, minMatched } = searchQuery(query, this.context.pack);
    // Those with every word, concept and name of the query first, then those with fewer (see searchQuery).
    const results = this.context.developments.search(units, 8, minMatched);
    if (results.length === 0) return { kind: "error", text: m.searchEmpty(query) };
    return this.developmentList(
      m.searchTitle(query),
      results.map((hit) => hit.development),
      lang,
      m.searchEmpty(query),
    );
  }

  /** One line per development (a development listed twice shows once), each dated by its first or its last report. */
  private developmentList(
    title: string,
    developments: readonly Development[],
    lang: Lang,
    empty: string,
    dated: "first" | "last" = "first",
  ): Reply {
    if (developments.length === 0) return { kind: "text", title, lines: [empty] };
    const m = messagesFor(lang);
    const once = developments.filter(
      (development, i) => developments.findIndex((other) => other.id === development.id) === i,
    );
    return { kind: "developments", title, lines: once.map((development) => this.line(development, lang, m, dated)) };
  }

  private line(development: Development, lang: Lang, m: Messages, dated: "first" | "last" = "first"): DevelopmentLine {
    const status = developmentStatus(development, this.now());
    return {
      developmentId: development.id,
      status,
      statusLabel: m.status[status],
      date: formatShortDate(
        dated === "first" ? development.firstSeen : development.lastSeen,
        m,
        this.context.pack.settings.timeZone,
      ),
      headline: toldIn(development, lang).headline,
      publishersLabel: m.publishers(development.publishers.length, 0),
      offStory: development.relevance >= ON_STORY ? undefined : m.offStory,
      // Newest 30 originals: enough to find three outlets, without reading every report of a large development.
      links: sourceLinks(this.context.developments.sourcesOf(development.id, 30), 3),
    };
  }
}

/** The actor's role on a date: the latest one that started before it and has not ended. */
export function currentRole(actor: Actor, at: number): Actor["roles"][number] | undefined {
  return actor.roles
    .filter((role) => Date.parse(role.from) <= at && (!role.to || Date.parse(role.to) + DAY > at))
    .sort((a, b) => Date.parse(b.from) - Date.parse(a.from))[0];
}
