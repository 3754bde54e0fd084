export { type Command, type CommandProblem, parseCommand } from "./commands/parse-command.js";
export { CommandRunner } from "./commands/run-command.js";
export { loadStoryPack, type StoryPack } from "./content/load-story-pack.js";
export type { Actor, GlossaryConcept, Place, StorySettings } from "./content/story-pack.js";
export {
  ConfigError,
  ContentError,
  DatabaseInUseError,
  DatabaseOpenError,
  DatabaseSchemaError,
  describeError,
  FeedError,
} from "./errors.js";
export type { AddressAllowance } from "./feeds/check-address.js";
export { type FetchResult, fetchFeed } from "./feeds/fetch-feed.js";
export { FEED_LIMITS } from "./feeds/parse-feed.js";
export { quarantineRetryAt } from "./feeds/plan-next-poll.js";
export {
  FeedPoller,
  type FeedPollerOptions,
  type IngestFeeds,
  type LiveFeed,
  POLLER_DEFAULTS,
  type PollReport,
} from "./feeds/poll-feeds.js";
export { type ChatKind, Hilo, type HiloOptions } from "./hilo.js";
export { messagesFor } from "./i18n/messages-for.js";
export { createLive, type Live, type LiveDeps, type LiveTick } from "./live/create-live.js";
export { quarantineInterrupted } from "./live/quarantine-interrupted.js";
export { type LeaseState, soleWorker, type WorkLease } from "./live/work-lease.js";
export { type Logger, RecordingLogger, silentLogger } from "./logger.js";
export type { Article, ArticleInput, Development, Lang } from "./model.js";
export type { ChatTarget, Clock, MessageKind, Notifier, OutgoingMessage, SendOutcome } from "./notify/notifier.js";
export { systemClock } from "./notify/notifier.js";
export { Outbox } from "./notify/outbox.js";
export { DEFAULT_SENDER_LIMITS, type DrainReport, Sender, type SenderLimits } from "./notify/sender.js";
export { type FeedDocument, type IngestReport, Pipeline } from "./pipeline.js";
export { Scheduler, type TickReport } from "./schedule/scheduler.js";
export { AlertStateStore } from "./store/alert-state-store.js";
export { type ChatAddress, type ChatRecord, ChatStore } from "./store/chat-store.js";
export { HandledUpdates } from "./store/handled-updates-store.js";
export { type DatabaseLock, lockDatabase } from "./store/lock-database.js";
export { type Db, openDatabase, type SqliteDb } from "./store/open-database.js";
export { openPostgres, safeUrl } from "./store/postgres/open-postgres.js";
export { PostgresDatabase } from "./store/postgres/postgres-database.js";
export { postgresLease } from "./store/postgres/postgres-lease.js";
export { SharedSpacing } from "./store/postgres/shared-spacing.js";
export { probeWrite, type WriteProbe } from "./store/probe-write.js";
export { type Subscription, SubscriptionStore } from "./store/subscription-store.js";
export type {
  ActorGroup,
  ActorLine,
  ActorView,
  AlertView,
  AnswerSentence,
  AnswerView,
  Choice,
  DevelopmentLine,
  DigestItem,
  DigestView,
  FeedLine,
  Reply,
  ReportLine,
  ReportsView,
  SourceLink,
} from "./summaries/views.js";
