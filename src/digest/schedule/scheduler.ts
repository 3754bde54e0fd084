import { createActorNamer } from "../actors/actor-names.js";
import { type ActorMatcher, createActorMatcher, uniqueActorIds } from "../actors/match-actors.js";
import { inQuietHours, isAlertWorthy } from "../alerts/alert-policy.js";
import { type DevelopmentFacts, developmentFacts, hasNewFacts, newFacts } from "../alerts/development-facts.js";
import type { StoryPack } from "../content/load-story-pack.js";
import { ON_STORY } from "../developments/story-relevance.js";
import { messagesFor } from "../i18n/messages-for.js";
import type { Logger } from "../logger.js";
import type { Development, Lang } from "../model.js";
import type { MessageKind, OutgoingMessage } from "../notify/notifier.js";
import type { AlertStateStore } from "../store/alert-state-store.js";
import type { ArticleStore, StoredArticle } from "../store/article-store.js";
import type { ChatStore } from "../store/chat-store.js";
import type { DevelopmentStore } from "../store/development-store.js";
import type { FeedStore } from "../store/feed-store.js";
import type { Subscription, SubscriptionStore } from "../store/subscription-store.js";
import { buildAlert } from "../summaries/build-alert.js";
import { composeDigest } from "../summaries/compose-digest.js";
import { toldIn } from "../summaries/told-in.js";
import { whatIsNew } from "../summaries/what-is-new.js";
import { dueDigests } from "./due-digests.js";
import { localMinutes, localParts, zonedInstant } from "./local-time.js";

/** Where the scheduler writes what must be sent; the sender delivers it. */
export interface OutboxWriter {
  enqueue(row: {
    key: string;
    chatRef: number;
    kind: MessageKind;
    developmentId?: number;
    message: OutgoingMessage;
    notBefore: number;
    replyToKey?: string;
  }): boolean;
}

export interface SchedulerDeps {
  pack: StoryPack;
  developments: DevelopmentStore;
  articles: ArticleStore;
  feeds: FeedStore;
  chats: ChatStore;
  subscriptions: SubscriptionStore;
  alerts: AlertStateStore;
  outbox: OutboxWriter;
  log: Logger;
  /** Characters a digest may take (the smallest of the adapters'). */
  digestBudget: number;
}

/** What one tick put in the outbox. */
export interface TickReport {
  digests: number;
  alerts: number;
  updates: number;
  heldBack: number;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
// New facts noticed within this long of the first are told in one update.
const UPDATE_MERGE_WINDOW = 30 * 60 * 1000;
// A development updates a chat at most this often a day: more is a feed, not an alert.
const MAX_UPDATES_PER_DAY = 2;
// A development is "new" for alerts during its first day; after that it waits for the digest.
const ALERT_WINDOW = 24 * HOUR;

/** Decides, from the database, which digests, alerts and updates are due at `now`, and writes them to the outbox. */
export class Scheduler {
  private readonly actorName: (actorId: string, lang: Lang) => string;
  private readonly headlineMatcher: ActorMatcher;

  constructor(private readonly deps: SchedulerDeps) {
    this.actorName = createActorNamer(deps.pack.actors);
    this.headlineMatcher = createActorMatcher(deps.pack.actors, deps.pack.places);
  }

  /** The story's actors a report's headline names: those in a main role, whose arrival is worth an update. */
  private headlineActors(article: StoredArticle): string[] {
    return uniqueActorIds(this.headlineMatcher.match(article.title, article.publishedAt));
  }

  /** One pass: due digests first, then alerts and updates. Safe to call again with the same `now`. */
  tick(now: number): TickReport {
    const report: TickReport = { digests: 0, alerts: 0, updates: 0, heldBack: 0 };
    const subscriptions = this.deps.subscriptions.active();
    for (const due of dueDigests(subscriptions, now)) {
      if (this.enqueueDigest(due.subscription, due.period, now)) report.digests += 1;
    }
    this.alert(
      subscriptions.filter((subscription) => subscription.alerts),
      now,
      report,
    );
    return report;
  }

  private enqueueDigest(subscription: Subscription, period: string, now: number): boolean {
    const since = subscription.lastDigestAt ?? Math.max(subscription.subscribedAt, now - 24 * HOUR);
    const digest = composeDigest(
      {
        pack: this.deps.pack,
        developments: this.deps.developments,
        articles: this.deps.articles,
        actorName: this.actorName,
        budget: this.deps.digestBudget,
      },
      { lang: subscription.lang, since, until: now, sinceLastDigest: subscription.lastDigestAt !== null },
    );
    this.deps.chats.markDigest(subscription.chatRef, now);
    // A day with nothing new sends nothing: silence is better than "nothing new" every morning.
    if (digest.items.length === 0) return false;
    return this.deps.outbox.enqueue({
      key: `digest:${subscription.chatRef}:${period}`,
      chatRef: subscription.chatRef,
      kind: "digest",
      message: { kind: "digest", lang: subscription.lang, reply: { kind: "digest", digest } },
      notBefore: now,
    });
  }

  private alert(subscriptions: readonly Subscription[], now: number, report: TickReport): void {
    if (subscriptions.length === 0) return;
    const trusted = new Set(
      this.deps.feeds
        .all()
        .filter((feed) => feed.trusted)
        .map((feed) => feed.publisher),
    );
    const policy = this.deps.pack.settings.alertPolicy;
    const candidates = this.deps.developments
      .seenBetween(now - ALERT_WINDOW, now, 200, ON_STORY)
      .filter(
        (development) => development.firstSeen > now - ALERT_WINDOW && isAlertWorthy(development, policy, trusted),
      )
      .sort((a, b) => a.firstSeen - b.firstSeen || a.id - b.id);
    const facts = new Map<number, { articles: StoredArticle[]; facts: DevelopmentFacts }>();
    const factsOf = (development: Development) => {
      let entry = facts.get(development.id);
      if (!entry) {
        const articles = this.deps.articles.of(development.id);
        entry = { articles, facts: developmentFacts(articles, (article) => this.headlineActors(article)) };
        facts.set(development.id, entry);
      }
      return entry;
    };
    for (const subscription of subscriptions) {
      for (const development of candidates) {
        const state = this.deps.alerts.get(subscription.chatRef, development.id);
        if (state === undefined) this.firstAlert(subscription, development, factsOf(development), now, report);
        else if (state.decision === "alerted")
          this.update(subscription, development, factsOf(development), state, now, report);
      }
    }
  }

  private firstAlert(
    subscription: Subscription,
    development: Development,
    { articles, facts }: { articles: StoredArticle[]; facts: DevelopmentFacts },
    now: number,
    report: TickReport,
  ): void {
    const decide = (decision: "alerted" | "quiet-hours" | "over-budget" | "before-subscription", alertKey?: string) =>
      this.deps.alerts.decide(subscription.chatRef, development.id, {
        decision,
        alertKey,
        version: 0,
        facts,
        decidedAt: now,
      });
    // Developments that began before the chat subscribed are old news to it.
    if (development.firstSeen < subscription.subscribedAt) {
      decide("before-subscription");
      return;
    }
    // Held back alerts are not retried later: the development reaches the chat in its next digest.
    if (this.quiet(subscription, now)) {
      report.heldBack += 1;
      decide("quiet-hours");
      return;
    }
    if (
      this.deps.alerts.alertsSince(subscription.chatRef, this.startOfLocalDay(subscription, now)) >=
      subscription.alertBudget
    ) {
      report.heldBack += 1;
      decide("over-budget");
      return;
    }
    const key = `alert:${subscription.chatRef}:${development.id}`;
    const alert = buildAlert(development, articles, subscription.lang, messagesFor(subscription.lang), (id) =>
      this.actorName(id, subscription.lang),
    );
    this.deps.outbox.enqueue({
      key,
      chatRef: subscription.chatRef,
      kind: "alert",
      developmentId: development.id,
      message: { kind: "alert", lang: subscription.lang, reply: { kind: "alert", alert } },
      notBefore: now,
    });
    decide("alerted", key);
    report.alerts += 1;
  }

  private update(
    subscription: Subscription,
    development: Development,
    { articles, facts }: { articles: StoredArticle[]; facts: DevelopmentFacts },
    state: NonNullable<ReturnType<AlertStateStore["get"]>>,
    now: number,
    report: TickReport,
  ): void {
    const added = newFacts(state.facts, facts);
    // An update waits out quiet hours; the new facts are still new when they end.
    if (!hasNewFacts(added) || this.quiet(subscription, now)) return;
    // The first new fact starts a short wait, so what the next reports add arrives in the same update.
    if (state.pendingSince === undefined) {
      this.deps.alerts.decide(subscription.chatRef, development.id, { ...state, pendingSince: now });
      return;
    }
    if (now - state.pendingSince < UPDATE_MERGE_WINDOW) return;
    const sentToday = (state.updateTimes ?? []).filter((at) => at > now - DAY);
    if (sentToday.length >= MAX_UPDATES_PER_DAY) return;
    const lang = subscription.lang;
    const newest =
      articles.filter((article) => article.publishedAt > state.decidedAt && !article.copyOf).at(-1) ?? articles.at(-1);
    const version = state.version + 1;
    const told = toldIn(development, lang);
    const hints = {
      numbers: added.numbers,
      names: added.actors.map((id) => this.actorName(id, told.lang)),
      denial: added.denial,
    };
    const sentence = whatIsNew(
      articles.filter((article) => article.publishedAt <= state.decidedAt),
      articles.filter((article) => article.publishedAt > state.decidedAt),
      told.lang,
      hints,
    );
    // The sentence with the new fact; the newest report's title only when no report in the item's language has one.
    const alert = buildAlert(
      development,
      articles,
      lang,
      messagesFor(lang),
      (id) => this.actorName(id, lang),
      sentence ?? newest?.title ?? "",
    );
    this.deps.outbox.enqueue({
      key: `update:${subscription.chatRef}:${development.id}:${version}`,
      chatRef: subscription.chatRef,
      kind: "update",
      developmentId: development.id,
      message: { kind: "update", lang, reply: { kind: "alert", alert } },
      notBefore: now,
      ...(state.alertKey ? { replyToKey: state.alertKey } : {}),
    });
    this.deps.alerts.decide(subscription.chatRef, development.id, {
      ...state,
      version,
      facts,
      decidedAt: now,
      pendingSince: undefined,
      updateTimes: [...sentToday, now],
    });
    report.updates += 1;
  }

  private quiet(subscription: Subscription, now: number): boolean {
    return inQuietHours(localMinutes(now, subscription.timeZone), subscription.quietFrom, subscription.quietTo);
  }

  private startOfLocalDay(subscription: Subscription, now: number): number {
    return zonedInstant(localParts(now, subscription.timeZone), 0, 0, subscription.timeZone);
  }
}
