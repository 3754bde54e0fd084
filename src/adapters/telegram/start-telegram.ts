import { type RunnerHandle, run } from "@grammyjs/runner";
import type { UserFromGetMe } from "grammy/types";
import { describeError, type HandledUpdates, type Hilo, type Logger } from "../../digest/index.js";
import { ALLOWED_UPDATES, createTelegramBot } from "./bot.js";
import { type CheckTokenOptions, checkToken } from "./check-token.js";
import { registerCommands } from "./register-commands.js";
import { TelegramNotifier } from "./telegram-notifier.js";
import { startWebhookServer } from "./webhook-server.js";

/** The Telegram part of the configuration (config.telegram). */
export interface TelegramSettings {
  token: string;
  apiRoot: string;
  /** Set: Telegram posts updates to this URL; unset: long polling. */
  webhook: { url: string; secret: string; port: number } | undefined;
}

export interface StartTelegramOptions {
  hilo: Hilo;
  telegram: TelegramSettings;
  log: Logger;
  /** The bot's getMe answer, to start without asking Telegram (tests). */
  botInfo?: UserFromGetMe | undefined;
  /** How hard to try reaching Telegram at start (tests make it quick). */
  checkToken?: CheckTokenOptions | undefined;
  /** The interface the webhook server listens on; all of them unless given. */
  webhookHost?: string | undefined;
  /** Webhook mode: the update ids replicas have taken on, so a redelivered update is handled once. */
  handled?: HandledUpdates | undefined;
  /**
   * Long polling: whether to poll now (this replica holds the work lease, or is alone). Telegram allows one poller
   * per bot; a replica that starts without it polls from `startPolling()` on, when it takes the lease over.
   */
  pollNow?: boolean | undefined;
}

/** A running Telegram adapter. */
export interface TelegramHandle {
  /** For the sender: delivers digests, alerts and updates to Telegram chats. */
  notifier: TelegramNotifier;
  /** Stops taking updates and resolves once the updates being handled are answered. */
  stop(): Promise<void>;
  /** The port the webhook server listens on (webhook mode only). */
  webhookPort: number | undefined;
  /** Long polling: starts taking updates if not already (the replica took over the work lease); else nothing. */
  startPolling(): void;
}

/**
 * Starts the Telegram adapter: checks the token (getMe), publishes the command menus, then takes updates by long
 * polling through grammY's runner, or on a webhook when one is configured. main.ts owns the signals and calls stop().
 */
export async function startTelegram(options: StartTelegramOptions): Promise<TelegramHandle> {
  const { hilo, telegram, log } = options;
  // Polling takes each update once by itself (getUpdates' offset); a webhook may be posted to several replicas.
  const handled = telegram.webhook ? options.handled : undefined;
  const bot = createTelegramBot(hilo, {
    token: telegram.token,
    apiRoot: telegram.apiRoot,
    log,
    botInfo: options.botInfo,
    firstTime: handled ? (updateId) => handled.take("telegram", updateId, Date.now()) : undefined,
  });
  // A wrong token fails here, with Telegram's 401, rather than on the first update.
  if (!options.botInfo) bot.botInfo = await checkToken(bot.api, log, options.checkToken);
  await bot.init();
  await registerCommands(bot.api, log);
  const notifier = new TelegramNotifier(bot.api);
  const allowed_updates = [...ALLOWED_UPDATES];

  if (telegram.webhook) {
    const { url, secret, port } = telegram.webhook;
    const server = await startWebhookServer(
      bot,
      { path: new URL(url).pathname, port, secret, host: options.webhookHost },
      log,
    );
    try {
      await bot.api.setWebhook(url, { secret_token: secret, allowed_updates });
    } catch (error) {
      await server.close();
      throw error;
    }
    log.info("telegram bot listening on a webhook", { bot: bot.botInfo.username, port: server.port });
    // The webhook stays set on stop: Telegram keeps the updates that arrive while the bot restarts.
    return { notifier, webhookPort: server.port, stop: () => server.close(), startPolling: () => undefined };
  }

  // getUpdates is refused while a webhook is set (409), e.g. after a run in webhook mode.
  await bot.api.deleteWebhook();
  // The runner retries failed polls with backoff; it is silenced so the failures go to the Logger instead of console.
  bot.api.config.use(async (prev, method, payload, signal) => {
    const warn = (error: string) => log.warn("telegram getUpdates failed; retrying", { error });
    try {
      const result = await prev(method, payload, signal);
      if (method === "getUpdates" && !result.ok) warn(`${result.error_code}: ${result.description}`);
      return result;
    } catch (error) {
      if (method === "getUpdates" && !signal?.aborted) warn(describeError(error));
      throw error;
    }
  });
  let runner: RunnerHandle | undefined;
  const startPolling = () => {
    if (runner) return;
    runner = run(bot, { runner: { fetch: { allowed_updates }, silent: true } });
    runner.task()?.catch((error: unknown) => {
      log.error("telegram polling stopped", { error: describeError(error) });
    });
    log.info("telegram bot polling", { bot: bot.botInfo.username });
  };
  if (options.pollNow ?? true) startPolling();
  else log.info("telegram updates are polled by the replica that holds the work lease", { bot: bot.botInfo.username });
  return {
    notifier,
    webhookPort: undefined,
    startPolling,
    stop: async () => {
      if (runner?.isRunning()) await runner.stop();
    },
  };
}
