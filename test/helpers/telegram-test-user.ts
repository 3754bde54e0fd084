import type { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import type { ApiCall, TelegramEmulator, UserOptions } from "./telegram-emulator.js";

/** A person writing in one chat; builds messages with the emulator's client and adds them as the emulator's user. */
export class TestUser {
  private readonly client: ReturnType<TelegramServer["getClient"]>;

  constructor(
    private readonly world: TelegramEmulator,
    private readonly emulator: TelegramServer,
    token: string,
    readonly options: UserOptions,
  ) {
    this.client = emulator.getClient(token, {
      userId: options.userId,
      chatId: options.chatId,
      type: options.type ?? "private",
      firstName: options.firstName ?? `user ${options.userId}`,
      userName: `user${options.userId}`,
      chatTitle:
        options.type === "private" || options.type === undefined ? `user ${options.userId}` : `group ${options.chatId}`,
    });
  }

  get chatId(): number {
    return this.options.chatId;
  }

  /** A command ("/actor petro"), with the bot_command entity Telegram adds. */
  async command(text: string, extra: Record<string, unknown> = {}): Promise<void> {
    await this.emulator.addUserCommand(this.client.makeCommand(text, this.extra(text, extra)));
  }

  /** A message that is not a command; @mentions get their entities. */
  async say(text: string, extra: Record<string, unknown> = {}): Promise<void> {
    await this.emulator.addUserMessage(this.client.makeMessage(text, this.extra(text, extra)));
  }

  /** Presses an inline button under one of the bot's messages. */
  async press(data: string, messageId: number): Promise<void> {
    await this.emulator.addUserCallback(
      this.client.makeCallbackQuery(data, {
        from: { language_code: this.options.languageCode },
        message: { message_id: messageId, date: Math.floor(Date.now() / 1000) },
      }),
    );
  }

  /** Presses an inline button under one of the bot's messages in the user's forum topic (`threadId`), as Telegram sends it. */
  async pressInTopic(data: string, messageId: number): Promise<void> {
    if (this.options.threadId === undefined)
      throw new Error("pressInTopic needs a user who writes in a forum topic (threadId)");
    await this.emulator.addUserCallback(
      this.client.makeCallbackQuery(data, {
        from: { language_code: this.options.languageCode },
        message: {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          message_thread_id: this.options.threadId,
          is_topic_message: true,
        },
      }),
    );
  }

  /**
   * Does something in the chat and returns the calls the bot made until it had answered all of it. The bot handles
   * one chat's updates in order, so a /help sent after is answered last: its answer marks the end, with no sleep.
   */
  async exchange(act: () => Promise<void>): Promise<ApiCall[]> {
    const from = this.world.calls.length;
    await act();
    await this.command("/help");
    const end = await this.world.waitFor(() => {
      const index = this.world.calls.findIndex(
        (call, i) =>
          i >= from &&
          call.method === "sendMessage" &&
          Number(call.payload.chat_id) === this.chatId &&
          /\/help — /.test(call.visible ?? ""),
      );
      return index >= 0 ? index : undefined;
    }, `the answer to /help in chat ${this.chatId}`);
    return this.world.calls.slice(from, end);
  }

  /** Sends a command and returns the messages the bot sent to this chat in answer. */
  async ask(text: string): Promise<ApiCall[]> {
    const calls = await this.exchange(() => (text.startsWith("/") ? this.command(text) : this.say(text)));
    return calls.filter(
      (call) => call.method === "sendMessage" && call.answer.ok && Number(call.payload.chat_id) === this.chatId,
    );
  }

  private extra(text: string, extra: Record<string, unknown>): Record<string, unknown> {
    const mentions = [...text.matchAll(/@\w+/g)].map((m) => ({
      type: "mention",
      offset: m.index,
      length: m[0].length,
    }));
    const topic =
      this.options.threadId === undefined ? {} : { message_thread_id: this.options.threadId, is_topic_message: true };
    const entities = text.startsWith("/") ? {} : mentions.length > 0 ? { entities: mentions } : {};
    return { from: { language_code: this.options.languageCode }, ...topic, ...entities, ...extra };
  }
}
