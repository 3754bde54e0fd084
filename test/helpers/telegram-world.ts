import {
  startTelegram,
  type TelegramHandle,
  type TelegramSettings,
} from "../../src/adapters/telegram/start-telegram.js";
import { HandledUpdates } from "../../src/digest/index.js";
import { demoParts } from "./demo-hilo.js";
import { TEST_BOT, TEST_TOKEN, TelegramEmulator } from "./telegram-emulator.js";

export interface TelegramWorldOptions {
  /** Characters the core gives one digest (3500 in production). */
  digestChars?: number;
  /** Wall clock of the core (when a chat subscribed). */
  wallClock?: () => number;
  webhook?: TelegramSettings["webhook"];
  /** Webhook mode: record handled update ids in the database, as every replica does. */
  dedupe?: boolean;
  /** Polling mode: false for a replica that starts without the work lease (see startTelegram). */
  pollNow?: boolean;
}

/**
 * The Telegram adapter as `npm start` runs it — the demo story on an in-memory database, the real grammY client
 * and runner — talking to the Bot API emulator on 127.0.0.1.
 */
export async function telegramWorld(options: TelegramWorldOptions = {}) {
  const tg = await TelegramEmulator.start();
  const { hilo, db, pack, log } = await demoParts(options);
  const handle: TelegramHandle = await startTelegram({
    hilo,
    telegram: { token: TEST_TOKEN, apiRoot: tg.apiRoot, webhook: options.webhook },
    log,
    botInfo: TEST_BOT,
    webhookHost: "127.0.0.1",
    handled: options.dedupe ? new HandledUpdates(db) : undefined,
    pollNow: options.pollNow,
  });
  return {
    tg,
    hilo,
    db,
    pack,
    log,
    handle,
    async close() {
      await handle.stop();
      await tg.close();
      db.close();
    },
  };
}
