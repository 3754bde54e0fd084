import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update, UserFromGetMe } from "grammy/types";
// The package root default-exports through `module.exports =`, which TypeScript under NodeNext cannot see as a class.
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { checkSendMessage, parseTelegramHtml } from "./telegram-html.js";
import { TestUser } from "./telegram-test-user.js";

/**
 * telegram-test-api (an npm Bot API emulator by others) behind a small proxy on 127.0.0.1 that closes its gaps
 * for these tests — test code only, nothing of it ships:
 *
 * - getUpdates answers at once, so long polling would spin. The proxy holds an empty poll until the emulator
 *   reports a new user update (its own events) or the poll's timeout ends, like Telegram's long polling: no sleep.
 * - setMyCommands, getChatAdministrators and unknown methods answer 500. The proxy answers them itself, records
 *   them, and reads admins from a table the test fills.
 * - setWebhook would make the emulator push updates without Telegram's secret header; the proxy records it.
 * - No HTML validation and no limits: the proxy rejects sendMessage as Telegram does for bad HTML, text over
 *   4096 UTF-16 units, more than 100 entities and callback data over 64 bytes, so a passing test means Telegram
 *   would have taken the message.
 * - No 429 or other refusals: a test scripts the next answer to a method (and chat), e.g. 429 with retry_after.
 * - No my_chat_member updates: a test injects raw updates, which the next poll returns.
 */

/** A bot token of the right shape; the emulator accepts any. */
export const TEST_TOKEN = "123456789:AAE-test-token-for-the-emulator";

/** Who the bot is, so it starts without getMe. */
export const TEST_BOT: UserFromGetMe = {
  id: 666,
  is_bot: true,
  first_name: "Hilo",
  username: "hilo_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** An answer of the Bot API. */
export type ApiAnswer =
  | { ok: true; result: unknown }
  | {
      ok: false;
      error_code: number;
      description: string;
      parameters?: { retry_after?: number; migrate_to_chat_id?: number };
    };

/** One call the bot made, with the answer it got; for sendMessage, `visible` is the text a user sees. */
export interface ApiCall {
  /** When the call arrived (ms, this process's clock). */
  at: number;
  method: string;
  payload: Record<string, any>;
  answer: ApiAnswer;
  visible?: string;
}

/** Telegram's answers, as it words them. */
export const refusal = {
  rateLimited: (seconds: number): ApiAnswer => ({
    ok: false,
    error_code: 429,
    description: `Too Many Requests: retry after ${seconds}`,
    parameters: { retry_after: seconds },
  }),
  blocked: (): ApiAnswer => ({ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }),
  kicked: (): ApiAnswer => ({
    ok: false,
    error_code: 403,
    description: "Forbidden: bot was kicked from the supergroup chat",
  }),
  chatNotFound: (): ApiAnswer => ({ ok: false, error_code: 400, description: "Bad Request: chat not found" }),
  migrated: (to: number): ApiAnswer => ({
    ok: false,
    error_code: 400,
    description: "Bad Request: group chat was upgraded to a supergroup chat",
    parameters: { migrate_to_chat_id: to },
  }),
  replyNotFound: (): ApiAnswer => ({
    ok: false,
    error_code: 400,
    description: "Bad Request: message to reply not found",
  }),
  serverError: (): ApiAnswer => ({ ok: false, error_code: 500, description: "Internal Server Error" }),
  badRequest: (what = "something is wrong"): ApiAnswer => ({
    ok: false,
    error_code: 400,
    description: `Bad Request: ${what}`,
  }),
};

// Bounds every wait in a test, so a bot that never answers fails the test instead of hanging it.
const WAIT_MS = 5_000;
// Telegram holds a poll at most 50 s; the tests' bots ask for 30.
const MAX_POLL_MS = 30_000;

/** A person in a chat, as the emulator's client builds their messages. */
export interface UserOptions {
  userId: number;
  chatId: number;
  type?: "private" | "group" | "supergroup";
  languageCode?: string;
  firstName?: string;
  /** A forum topic the user writes in. */
  threadId?: number;
}

export class TelegramEmulator {
  readonly calls: ApiCall[] = [];
  /** getChatAdministrators answers from here: chat id → admin user ids. */
  readonly admins = new Map<number, number[]>();
  private readonly scripted: { method: string; chatId: number | undefined; after: number; answer: ApiAnswer }[] = [];
  private readonly injected: Update[] = [];
  private readonly events = new EventEmitter();
  private nextInjectedId = 1_000_000;
  private nextMessageId = 1;
  /** Answer sendMessage in the proxy instead of forwarding it (a bench's many sends: no store behind, less delay). */
  private answerSendsHere = false;

  private constructor(
    private readonly emulator: TelegramServer,
    private readonly proxy: Server,
    private readonly emulatorUrl: string,
    /** The Bot API root the bot under test uses. */
    readonly apiRoot: string,
  ) {
    this.events.setMaxListeners(100);
  }

  /**
   * Starts the emulator and the proxy in front of it, both on 127.0.0.1. With `answerSends: "here"` the proxy answers
   * sendMessage itself (checked as ever, a message id of its own, nothing kept for users to read): for a bench, whose
   * thousands of sends would otherwise wait on the emulator's store and blur the arrival times it measures.
   */
  static async start(options: { answerSends?: "emulator" | "here" } = {}): Promise<TelegramEmulator> {
    // The emulator takes a fixed port (0 means its default 9000), so a free one is found first.
    const emulatorPort = await freePort();
    const emulator = new TelegramServer({ host: "127.0.0.1", port: emulatorPort, storeTimeout: 600 });
    await emulator.start();
    const proxy = createServer();
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const { port } = proxy.address() as AddressInfo;
    const world = new TelegramEmulator(emulator, proxy, `http://127.0.0.1:${emulatorPort}`, `http://127.0.0.1:${port}`);
    world.answerSendsHere = options.answerSends === "here";
    proxy.on("request", (req, res) => {
      world.handle(req).then(
        ({ answer, status }) => {
          if (!res.destroyed) res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(answer));
        },
        (error: unknown) => {
          if (!res.destroyed) res.writeHead(500).end(String(error));
        },
      );
    });
    return world;
  }

  async close(): Promise<void> {
    this.proxy.closeAllConnections();
    await new Promise<void>((resolve) => this.proxy.close(() => resolve()));
    await this.emulator.stop();
  }

  /** A later call to `method` (to `chatId`, if given; after `after` such calls go through) gets this answer instead. */
  script(method: string, answer: ApiAnswer, options: { chatId?: number; after?: number } = {}): void {
    this.scripted.push({ method, chatId: options.chatId, after: options.after ?? 0, answer });
  }

  /** A raw update the next getUpdates returns (the emulator cannot make my_chat_member ones). */
  inject(update: Omit<Update, "update_id">): void {
    this.injected.push({ update_id: this.nextInjectedId++, ...update } as Update);
    this.events.emit("update");
  }

  /** Messages Telegram accepted for a chat, in order. */
  sentTo(chatId: number): ApiCall[] {
    return this.calls.filter(
      (call) => call.method === "sendMessage" && call.answer.ok && Number(call.payload.chat_id) === chatId,
    );
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves with the first truthy value of `check`, looked at after every call the bot makes; fails after 5 s. */
  waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = WAIT_MS): Promise<T> {
    const first = check();
    if (first) return Promise.resolve(first);
    return new Promise((resolve, reject) => {
      const onCall = () => {
        const value = check();
        if (!value) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.calls
          .map((call) => `${call.method}${call.answer.ok ? "" : ` (${call.answer.error_code})`}`)
          .join(", ");
        reject(new Error(`timed out waiting for ${what}; the bot called: ${seen || "nothing"}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off("call", onCall);
      };
      this.events.on("call", onCall);
    });
  }

  /** A user who writes to the bot through the emulator's client. */
  user(options: UserOptions): TestUser {
    return new TestUser(this, this.emulator, TEST_TOKEN, options);
  }

  private async handle(req: IncomingMessage): Promise<{ answer: ApiAnswer; status: number }> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    if (!match) return { status: 404, answer: { ok: false, error_code: 404, description: "Not Found" } };
    const [, token, method] = match as unknown as [string, string, string];
    const at = Date.now();
    const body = await readBody(req);
    const payload = body ? (JSON.parse(body) as Record<string, any>) : {};
    if (method === "getUpdates") {
      const answer = await this.poll(token, payload, req);
      return { status: 200, answer };
    }
    const call: ApiCall = { at, method, payload, answer: await this.answer(token, method, payload) };
    if (method === "sendMessage" && call.answer.ok) call.visible = parseTelegramHtml(String(payload.text)).visible;
    this.calls.push(call);
    this.events.emit("call", call);
    return { status: call.answer.ok ? 200 : call.answer.error_code, answer: call.answer };
  }

  private async answer(token: string, method: string, payload: Record<string, any>): Promise<ApiAnswer> {
    const chatId = payload.chat_id === undefined ? undefined : Number(payload.chat_id);
    const index = this.scripted.findIndex(
      (s) => s.method === method && (s.chatId === undefined || s.chatId === chatId),
    );
    const scripted = this.scripted[index];
    if (scripted && scripted.after > 0) scripted.after -= 1;
    else if (scripted) return this.scripted.splice(index, 1)[0]!.answer;
    switch (method) {
      case "setMyCommands":
      case "deleteMyCommands":
      case "setWebhook":
      case "deleteWebhook":
        return { ok: true, result: true };
      case "getChatAdministrators":
        return {
          ok: true,
          result: (this.admins.get(chatId!) ?? []).map((id) => ({
            status: "administrator",
            user: { id, is_bot: false, first_name: `admin ${id}` },
          })),
        };
      case "sendMessage": {
        const problem = checkSendMessage(payload);
        if (problem) return { ok: false, error_code: 400, description: `Bad Request: ${problem}` };
        if (this.answerSendsHere) {
          const chat = { id: Number(payload.chat_id), type: "private", first_name: "bench" };
          const date = Math.floor(Date.now() / 1000);
          return { ok: true, result: { message_id: this.nextMessageId++, date, chat, text: String(payload.text) } };
        }
        return this.forward(token, method, payload);
      }
      default:
        return this.forward(token, method, payload);
    }
  }

  private async forward(token: string, method: string, payload: Record<string, any>): Promise<ApiAnswer> {
    const response = await fetch(`${this.emulatorUrl}/bot${token}/${method}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
    const json = (await response.json()) as ApiAnswer | { message: string };
    // The emulator answers what it lacks with 500 {message}; said in the Bot API's shape.
    return "ok" in json ? json : { ok: false, error_code: response.status, description: json.message };
  }

  /** Long polling over the emulator: an empty answer waits for the next user update, the poll's timeout, or a hang-up. */
  private async poll(token: string, payload: Record<string, any>, req: IncomingMessage): Promise<ApiAnswer> {
    const timeoutMs = Math.min(Number(payload.timeout ?? 0) * 1000, MAX_POLL_MS);
    // Listen before looking, so an update that lands while the emulator is asked is not missed.
    const next = this.nextUpdate(timeoutMs, req);
    let updates = await this.updates(token);
    if (updates.length === 0 && timeoutMs > 0) {
      await next.promise;
      updates = await this.updates(token);
    }
    next.cancel();
    return { ok: true, result: updates };
  }

  private async updates(token: string): Promise<Update[]> {
    const answer = await this.forward(token, "getUpdates", {});
    const fromEmulator = answer.ok ? (answer.result as Update[]) : [];
    return [...this.injected.splice(0), ...fromEmulator];
  }

  private nextUpdate(timeoutMs: number, req: IncomingMessage): { promise: Promise<void>; cancel: () => void } {
    let cancel = () => {};
    const promise = new Promise<void>((resolve) => {
      const done = () => {
        cancel();
        resolve();
      };
      const events = ["AddedUserMessage", "AddedUserCommand", "AddedUserCallbackQuery"];
      for (const event of events) this.emulator.on(event, done);
      this.events.on("update", done);
      req.socket.on("close", done);
      const timer = setTimeout(done, timeoutMs);
      cancel = () => {
        clearTimeout(timer);
        for (const event of events) this.emulator.off(event, done);
        this.events.off("update", done);
        req.socket.off("close", done);
      };
    });
    return { promise, cancel: () => cancel() };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A port nobody listens on right now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
