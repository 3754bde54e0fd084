import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotError, type Context, type Filter } from "grammy";
import type { Chat, ChatMember, Message, User, UserFromGetMe } from "grammy/types";
import { type ChatAddress, describeError, type Hilo, type Lang, type Logger, messagesFor } from "../../digest/index.js";
import { AdminCache } from "./admin-cache.js";
import { renderReply } from "./render.js";
import { sendMessages, type TelegramPlace } from "./send-messages.js";
import { commandIn, isOurCommand, languageOf, parseCallbackData, questionFromMention } from "./to-command.js";

/** How the bot reaches Telegram. */
export interface TelegramBotOptions {
  token: string;
  /** https://api.telegram.org, a self-hosted Bot API server, or a test emulator. */
  apiRoot: string;
  log: Logger;
  /** The bot's own getMe answer, when known in advance (tests); otherwise grammY asks Telegram on start. */
  botInfo?: UserFromGetMe | undefined;
  /** Clock of the admin cache (tests). */
  now?: () => number;
  /**
   * Whether an update is new to every replica (true once per update_id): behind a load balancer a redelivered
   * webhook update may reach another replica, which then leaves it alone. Unset, every update is handled.
   */
  firstTime?: ((updateId: number) => boolean) | undefined;
}

/**
 * Waits Telegram asks for are honoured here only when short (≤ 10 s, 3 tries); a longer 429 reaches the
 * notifier, which hands it back to the outbox. Network errors are not retried here: grammY's auto-retry would
 * retry them without bound, and both the runner and the outbox already retry with backoff.
 */
export const AUTO_RETRY = { maxDelaySeconds: 10, maxRetryAttempts: 3, rethrowHttpErrors: true };

/** The updates Hilo handles; Telegram remembers the list, so it is sent with every getUpdates and setWebhook. */
export const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;

const PLATFORM = "telegram";
// answerCallbackQuery shows at most 200 characters.
const CALLBACK_TEXT_MAX = 200;

type TextContext = Filter<Context, "message:text">;
type ButtonContext = Filter<Context, "callback_query:data">;
type MembershipContext = Filter<Context, "my_chat_member">;

/**
 * The Telegram adapter's bot: commands, questions by mention or reply, digest buttons and group joins, each
 * turned into one core call and its Reply into messages. Errors end in `bot.catch`, the one error boundary.
 */
export function createTelegramBot(hilo: Hilo, options: TelegramBotOptions): Bot {
  const { log } = options;
  const bot = new Bot(options.token, {
    // grammY refuses a root that ends in "/", which a pasted URL often does.
    client: { apiRoot: options.apiRoot.replace(/\/+$/, "") },
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
  });
  bot.api.config.use(autoRetry(AUTO_RETRY));
  const admins = new AdminCache(
    { getChatAdministrators: (chatId) => bot.api.getChatAdministrators(chatId) },
    log,
    options.now,
  );

  bot.catch((error) => apologise(error, log));
  const firstTime = options.firstTime;
  if (firstTime) {
    bot.use((ctx, next) => {
      if (firstTime(ctx.update.update_id)) return next();
      log.info("telegram update already handled by a replica; skipped", { updateId: ctx.update.update_id });
    });
  }
  // One update at a time per chat, so "/subscribe" then "/settings" are answered in the order they were sent.
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  bot.on("my_chat_member", (ctx) => membershipChanged(ctx, hilo));
  // A group upgraded to a supergroup: its subscription follows the new id before the next digest is due.
  bot.on("message:migrate_to_chat_id", (ctx) => {
    hilo.chatMoved({ platform: PLATFORM, chatId: String(ctx.chat.id) }, String(ctx.msg.migrate_to_chat_id));
  });
  bot.on("callback_query:data", (ctx) => answerButton(ctx, hilo, admins));
  bot.on("message:text", (ctx) => answerText(ctx, hilo, admins));
  return bot;
}

async function answerText(ctx: TextContext, hilo: Hilo, admins: AdminCache): Promise<void> {
  const msg = ctx.msg;
  const kind = msg.chat.type === "private" ? "private" : "group";
  const me = ctx.me.username;
  const command = commandIn(msg);
  // In a group, speak only when spoken to: our commands, a mention, a reply to one of our messages.
  const question = command ? undefined : kind === "private" ? msg.text : questionIn(msg, ctx.me);
  if (command ? kind === "group" && !isOurCommand(command, me) : question === undefined) return;

  const lang = languageOf(ctx.from?.language_code);
  const replyTo = kind === "group" ? msg.message_id : undefined;
  if (command) {
    const allowed = await canConfigure(admins, { chat: msg.chat, from: ctx.from, senderChat: msg.sender_chat });
    await runCommand(ctx, hilo, msg.text, { message: msg, lang, canConfigure: allowed, replyTo });
    return;
  }
  const { address, threadId } = placeOf(msg);
  const chatLang = hilo.chatLanguage(address, lang, kind);
  // A bare "@hilo_bot" asks nothing: show what can be asked.
  const reply = question
    ? hilo.ask(question, address, lang, kind)
    : hilo.answer("/help", address, lang, { botName: me, kind });
  if (!reply) return;
  await sendMessages(ctx.api, { chatId: msg.chat.id, threadId, replyTo }, renderReply(reply, chatLang));
}

/**
 * Runs a command line in the chat of `message`, typed there or picked from the buttons of a question asked back,
 * and sends the answer to the same chat and topic.
 */
async function runCommand(
  ctx: Context,
  hilo: Hilo,
  line: string,
  at: {
    message: Pick<Message, "chat" | "is_topic_message" | "message_thread_id">;
    lang: Lang;
    canConfigure: boolean;
    replyTo: number | undefined;
  },
): Promise<void> {
  const kind = at.message.chat.type === "private" ? "private" : "group";
  const { address, threadId } = placeOf(at.message);
  const chatLang = hilo.chatLanguage(address, at.lang, kind);
  const reply = hilo.answer(line, address, at.lang, {
    botName: ctx.me.username,
    caller: { canConfigure: at.canConfigure },
    kind,
  });
  if (!reply) return;
  const place: TelegramPlace = { chatId: at.message.chat.id, threadId, replyTo: at.replyTo };
  // /lang may just have changed the chat's language: the buttons under the reply follow the new one.
  await sendMessages(ctx.api, place, renderReply(reply, hilo.chatLanguage(address, chatLang, kind)));
}

/** The question in a group message addressed to the bot by mention or by replying to it; else undefined. */
function questionIn(msg: Message.TextMessage, me: UserFromGetMe): string | undefined {
  const mentioned = questionFromMention(msg, me.username);
  if (mentioned !== undefined) return mentioned;
  const replied = msg.reply_to_message;
  // In a forum every message "replies" to its topic's first message; that is not talking to the bot.
  if (replied?.from?.id === me.id && replied.forum_topic_created === undefined) return msg.text.trim();
  return undefined;
}

/**
 * Settings are for everyone in private, and for admins in groups (anonymous admins post as the group itself; a
 * button press always names the real user).
 */
async function canConfigure(
  admins: AdminCache,
  who: { chat: Chat; from: User | undefined; senderChat?: Chat | undefined },
): Promise<boolean> {
  if (who.chat.type === "private") return true;
  if (who.senderChat?.id === who.chat.id) return true;
  if (!who.from || who.senderChat) return false;
  return admins.isAdmin(who.chat.id, who.from.id);
}

async function answerButton(ctx: ButtonContext, hilo: Hilo, admins: AdminCache): Promise<void> {
  const userLang = languageOf(ctx.from.language_code);
  const request = parseCallbackData(ctx.callbackQuery.data);
  const message = ctx.callbackQuery.message;
  if (!request || !message) {
    await ctx.answerCallbackQuery({ text: messagesFor(userLang).unknownDevelopment.slice(0, CALLBACK_TEXT_MAX) });
    return;
  }
  if (request.action === "command") {
    // A choice runs as if its command were typed: stop the spinner, then answer under the question.
    await ctx.answerCallbackQuery();
    const allowed = await canConfigure(admins, { chat: message.chat, from: ctx.from });
    await runCommand(ctx, hilo, request.command, {
      message,
      lang: userLang,
      canConfigure: allowed,
      replyTo: message.message_id,
    });
    return;
  }
  const kind = message.chat.type === "private" ? "private" : "group";
  const { address, threadId } = placeOf(message);
  const lang = hilo.chatLanguage(address, userLang, kind);
  const reply =
    request.action === "sources"
      ? hilo.developmentSources(request.developmentId, lang)
      : hilo.developmentMore(request.developmentId, lang);
  if (reply.kind === "error") {
    await ctx.answerCallbackQuery({ text: reply.text.slice(0, CALLBACK_TEXT_MAX) });
    return;
  }
  // Stop the button's spinner first; the answer follows as a reply to the digest.
  await ctx.answerCallbackQuery();
  await sendMessages(
    ctx.api,
    { chatId: message.chat.id, threadId, replyTo: message.message_id },
    renderReply(reply, lang),
  );
}

/**
 * The bot's membership changed. Removed from a group or blocked in a private chat: the chat's subscriptions are
 * switched off at once (not at the next failed send). Added to a group: one introduction with the story so far,
 * even across restarts.
 */
async function membershipChanged(ctx: MembershipContext, hilo: Hilo): Promise<void> {
  const { chat, old_chat_member: before, new_chat_member: after, from } = ctx.myChatMember;
  const address: ChatAddress = { platform: PLATFORM, chatId: String(chat.id) };
  if (isInChat(before) && !isInChat(after)) {
    hilo.chatGone(
      address,
      chat.type === "private" ? "the user blocked the bot" : `the bot was removed (${after.status})`,
    );
    return;
  }
  if (chat.type !== "group" && chat.type !== "supergroup") return;
  if (isInChat(before) || !isInChat(after)) return;
  const userLang = languageOf(from.language_code);
  if (!hilo.markIntroduced(address, userLang)) return;
  const lang = hilo.chatLanguage(address, userLang, "group");
  await sendMessages(ctx.api, { chatId: chat.id }, renderReply(hilo.introduction(lang), lang));
}

function isInChat(member: ChatMember): boolean {
  return (
    member.status === "member" ||
    member.status === "administrator" ||
    member.status === "creator" ||
    (member.status === "restricted" && member.is_member)
  );
}

/**
 * Where a message was written, as the core's address. Only real forum topics count: in a plain supergroup,
 * message_thread_id also marks reply threads, which are not places a digest should go.
 */
function placeOf(msg: { chat: { id: number }; is_topic_message?: boolean; message_thread_id?: number }): {
  address: ChatAddress;
  threadId: number | undefined;
} {
  const threadId = msg.is_topic_message ? msg.message_thread_id : undefined;
  return {
    address: {
      platform: PLATFORM,
      chatId: String(msg.chat.id),
      ...(threadId !== undefined ? { threadId: String(threadId) } : {}),
    },
    threadId,
  };
}

/** The error boundary: log the failure with its chat and command, tell the user in their language, go on. */
async function apologise(error: BotError, log: Logger): Promise<void> {
  const ctx = error.ctx;
  const chat = ctx.chat?.id;
  log.error("telegram update failed", {
    chat,
    command: requestOf(ctx),
    update: ctx.update.update_id,
    error: describeError(error.error),
  });
  if (chat === undefined || ctx.myChatMember) return;
  const text = messagesFor(userLanguage(ctx)).internalError;
  // A choice's button was answered before its command ran: like a typed command, it is apologised for in the chat.
  const toast =
    ctx.callbackQuery !== undefined && parseCallbackData(ctx.callbackQuery.data ?? "")?.action !== "command";
  try {
    if (toast) await ctx.answerCallbackQuery({ text: text.slice(0, CALLBACK_TEXT_MAX) });
    else
      await ctx.reply(
        text,
        ctx.msg ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {},
      );
  } catch (failure) {
    log.warn("could not tell the user about a failure", { chat, error: describeError(failure) });
  }
}

function userLanguage(ctx: Context): Lang {
  return languageOf(ctx.from?.language_code);
}

/** What the user asked for, for the log: the command, "question" or the button pressed. */
function requestOf(ctx: Context): string {
  if (ctx.callbackQuery) return `button ${ctx.callbackQuery.data ?? ""}`;
  const text = ctx.msg?.text;
  if (text === undefined) return Object.keys(ctx.update).find((key) => key !== "update_id") ?? "update";
  return text.startsWith("/") ? (text.split(/\s/, 1)[0] ?? text) : "question";
}
