import { type Api, GrammyError, HttpError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { describeError, type Logger } from "../../digest/index.js";

export interface CheckTokenOptions {
  /** getMe calls at most before giving up (the process manager restarts the bot later). */
  attempts?: number;
  /** Wait before the n-th retry (1-based); doubles from 1 s by default. */
  backoffMs?: (retry: number) => number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Asks Telegram who the bot is, which also checks the token. A refused token fails at once with what to fix;
 * an unreachable Telegram is retried a few times, each failure logged, then fails. (grammY's own start would
 * retry getMe for ever without a word, which looks like a hang.)
 */
export async function checkToken(api: Api, log: Logger, options: CheckTokenOptions = {}): Promise<UserFromGetMe> {
  const attempts = options.attempts ?? 5;
  const backoffMs = options.backoffMs ?? ((retry: number) => 1000 * 2 ** (retry - 1));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.getMe();
    } catch (error) {
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
        throw new Error(
          `Telegram refused the bot token (${error.error_code} ${error.description}): check TELEGRAM_BOT_TOKEN with @BotFather's /token`,
        );
      }
      const why = error instanceof HttpError ? `${error.message} ${describeError(error.error)}` : describeError(error);
      if (attempt >= attempts) {
        throw new Error(
          `could not reach Telegram after ${attempts} attempts (${why}); check the network or TELEGRAM_API_ROOT`,
        );
      }
      log.warn("could not reach Telegram; retrying", { attempt, error: why });
      await sleep(backoffMs(attempt));
    }
  }
}
