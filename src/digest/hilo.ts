import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { suggestActors } from "./actors/find-actor.js";
import { parseCommand } from "./commands/parse-command.js";
import { type Caller, CommandRunner } from "./commands/run-command.js";
import { screenQuestion } from "./commands/screen-question.js";
import type { StoryPack } from "./content/load-story-pack.js";
import { describeError } from "./errors.js";
import { messagesFor } from "./i18n/messages-for.js";
import type { Logger } from "./logger.js";
import type { Lang } from "./model.js";
import { type IngestReport, Pipeline } from "./pipeline.js";
import { type ChatAddress, ChatStore } from "./store/chat-store.js";
import type { Db } from "./store/open-database.js";
import type { RemovedFeeds } from "./store/remove-feeds.js";
import { SubscriptionStore } from "./store/subscription-store.js";
import type { Reply } from "./summaries/views.js";

/** A one-to-one conversation, or a group / channel where settings belong to admins. */
export type ChatKind = "private" | "group";

export interface HiloOptions {
  db: Db;
  pack: StoryPack;
  log: Logger;
  /**
   * The story clock: live, the wall clock; a fixed time for reproducible runs; unset, the newest article's
   * time, so the bundled demo (which ends in December 2025) always has a last day to show.
   */
  storyClock?: (() => number) | undefined;
  /** Characters one digest may take in the adapter. */
  digestChars: number;
  /** Wall-clock time (tests drive it); defaults to Date.now. */
  wallClock?: (() => number) | undefined;
}

/** The core as adapters see it: ingest news, answer a chat's line, all in the chat's language. */
export class Hilo {
  readonly pipeline: Pipeline;
  readonly chats: ChatStore;
  readonly commands: CommandRunner;
  readonly subscriptions: SubscriptionStore;
  private readonly wallClock: () => number;

  constructor(private readonly options: HiloOptions) {
    this.pipeline = new Pipeline(options.db, options.pack, options.log);
    this.chats = new ChatStore(options.db);
    this.subscriptions = new SubscriptionStore(options.db);
    this.wallClock = options.wallClock ?? Date.now;
    this.commands = new CommandRunner({
      feeds: this.pipeline.feeds,
      subscriptions: this.subscriptions,
      wallClock: this.wallClock,
      pack: options.pack,
      developments: this.pipeline.developments,
      articles: this.pipeline.articles,
      mentions: this.pipeline.mentions,
      search: this.pipeline.search,
      chats: this.chats,
      now: () => this.now(),
      digestBudget: options.digestChars,
      idf: (term) => this.pipeline.stats.idf(term),
      discovery: this.pipeline.discovery,
    });
  }

  now(): number {
    return this.options.storyClock?.() ?? this.pipeline.articles.latestPublishedAt() ?? Date.now();
  }

  /** Ingests the story's bundled demo feeds, marked as fiction, when the database has no articles yet. */
  async ingestDemoIfEmpty(): Promise<IngestReport | undefined> {
    if (this.pipeline.articles.latestPublishedAt() !== null) return undefined;
    const documents = this.options.pack.demoFeeds.map((feed) => ({
      source: { feed: feed.path, publisher: feed.publisher, lang: feed.lang, demo: true },
      bytes: readFileSync(feed.path),
    }));
    return this.pipeline.ingest(documents, this.wallClock());
  }

  /**
   * Removes the demo story's fictional feeds and everything they brought, so no live chat is shown fiction as news:
   * feeds marked as demo, and those a Hilo before the mark read from the story's demo files.
   */
  removeDemoItems(): RemovedFeeds {
    const demoFiles = new Set(this.options.pack.demoFeeds.map((feed) => resolve(feed.path)));
    const demo = this.pipeline.feeds
      .all()
      .filter((feed) => feed.demo || (!/^https?:/i.test(feed.url) && demoFiles.has(resolve(feed.url))));
    return this.pipeline.removeFeeds(
      demo.map((feed) => feed.id),
      this.wallClock(),
    );
  }

  /** Sets the language a chat is answered in (the console's HILO_LANG; /lang later). */
  setChatLanguage(address: ChatAddress, lang: Lang): void {
    const chat = this.chats.ensure(address, lang, this.wallClock());
    this.chats.setLang(chat.id, lang);
  }

  /**
   * The language a chat is answered in: the one it chose with /lang, or `lang` (the user's, from the platform)
   * for a chat seen for the first time.
   */
  chatLanguage(address: ChatAddress, lang: Lang, kind: ChatKind = "private"): Lang {
    return this.chats.ensure(address, lang, this.wallClock(), kind).lang;
  }

  /**
   * The bot was removed from a chat or blocked in it: its subscriptions (the chat's and its topics') are switched
   * off with the reason, so nothing more is queued for it. Returns how many were active.
   */
  chatGone(address: Pick<ChatAddress, "platform" | "chatId">, reason: string): number {
    const refs = this.chats.refsOf(address.platform, address.chatId);
    const switchedOff = refs.filter((ref) => this.subscriptions.deactivate(ref, reason)).length;
    if (switchedOff > 0)
      this.options.log.info("chat is gone; subscriptions switched off", { chat: address.chatId, reason, switchedOff });
    return switchedOff;
  }

  /** A chat took a new id (a Telegram group upgraded to a supergroup): its settings and subscription follow it. */
  chatMoved(address: Pick<ChatAddress, "platform" | "chatId">, newChatId: string): void {
    for (const ref of this.chats.refsOf(address.platform, address.chatId)) {
      try {
        this.chats.moveChat(ref, newChatId);
      } catch (error) {
        // The new id already has a record (someone used the bot there first): that one is kept.
        this.options.log.warn("could not move a chat to its new id", {
          chat: address.chatId,
          to: newChatId,
          error: describeError(error),
        });
      }
    }
  }

  /**
   * Answers a question asked by mention or reply in a group, or written in a private chat; one with nothing to
   * search for, or too long, gets a polite reply instead, before any search runs.
   */
  ask(question: string, address: ChatAddress, lang: Lang, kind: ChatKind = "group"): Reply {
    const chat = this.chats.ensure(address, lang, this.wallClock(), kind);
    return this.guard(
      address,
      question,
      chat.lang,
      () => screenQuestion(question, chat.lang) ?? this.commands.ask(question, chat.lang),
    );
  }

  /** The message a group gets when the bot joins it. */
  introduction(lang: Lang): Reply {
    return this.commands.introduction(lang);
  }

  /** True the first time it is asked for a chat: the bot introduces itself to a group once, even across restarts. */
  markIntroduced(address: ChatAddress, lang: Lang): boolean {
    const chat = this.chats.ensure(address, lang, this.wallClock(), "group");
    return this.chats.markIntroduced(chat.id, this.wallClock());
  }

  /**
   * Actors whose name or alias starts with what was typed, accents and case ignored ("luka" → Lukashenko), for a
   * platform's autocomplete: the label shown and the value sent back, both the actor's name in `lang`.
   */
  actorChoices(typed: string, lang: Lang, limit: number): { label: string; value: string }[] {
    return suggestActors(typed, this.options.pack.actors, limit).map((actor) => ({
      label: actor.names[lang],
      value: actor.names[lang],
    }));
  }

  developmentSources(developmentId: number, lang: Lang): Reply {
    return this.commands.developmentSources(developmentId, lang);
  }

  developmentMore(developmentId: number, lang: Lang): Reply {
    return this.commands.developmentMore(developmentId, lang);
  }

  /** Answers one line a user typed; undefined when the line is a command for another bot. */
  answer(
    line: string,
    address: ChatAddress,
    lang: Lang,
    options: { botName?: string; caller?: Caller; kind?: ChatKind } = {},
  ): Reply | undefined {
    const chat = this.chats.ensure(address, lang, this.wallClock(), options.kind);
    return this.guard(address, line, chat.lang, () => {
      const parsed = parseCommand(line, options.botName);
      return parsed.ok
        ? this.commands.run(parsed.command, chat, options.caller)
        : this.commands.explain(parsed.problem, chat.lang);
    });
  }

  /** The core's error boundary for a chat's request: log it with the chat and the line, answer in the chat's language. */
  private guard<T extends Reply | undefined>(address: ChatAddress, line: string, lang: Lang, run: () => T): T | Reply {
    try {
      return run();
    } catch (error) {
      this.options.log.error("command failed", { chat: address.chatId, line, error: describeError(error) });
      return { kind: "error", text: messagesFor(lang).internalError };
    }
  }
}
