import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkToken } from "../../../src/adapters/telegram/check-token.js";
import { RecordingLogger } from "../../../src/digest/index.js";
import { freePort, refusal, TEST_TOKEN, TelegramEmulator } from "../../helpers/telegram-emulator.js";

let tg: TelegramEmulator;
beforeAll(async () => {
  tg = await TelegramEmulator.start();
});
afterAll(() => tg.close());

/** Records the waits instead of waiting. */
function fakeSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe("checking the bot token at start", () => {
  it("fails at once on a refused token, saying which variable to fix", async () => {
    tg.script("getMe", { ok: false, error_code: 401, description: "Unauthorized" });
    const { waits, sleep } = fakeSleep();
    await expect(
      checkToken(new Api(TEST_TOKEN, { apiRoot: tg.apiRoot }), new RecordingLogger(), { sleep }),
    ).rejects.toThrow(/refused the bot token \(401 Unauthorized\): check TELEGRAM_BOT_TOKEN/);
    expect(waits).toEqual([]);
  });

  it("retries Telegram's server errors with growing waits, logging each, and returns who the bot is", async () => {
    tg.script("getMe", refusal.serverError());
    tg.script("getMe", refusal.serverError());
    const log = new RecordingLogger();
    const { waits, sleep } = fakeSleep();
    const me = await checkToken(new Api(TEST_TOKEN, { apiRoot: tg.apiRoot }), log, { sleep });
    expect(me).toMatchObject({ id: 666, username: "TestNameBot" });
    expect(waits).toEqual([1000, 2000]);
    expect(log.entries.map((entry) => entry.message)).toEqual([
      "could not reach Telegram; retrying",
      "could not reach Telegram; retrying",
    ]);
  });

  it("gives up on an unreachable Bot API after its attempts, naming the cause and the variable", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const log = new RecordingLogger();
    const { waits, sleep } = fakeSleep();
    await expect(checkToken(new Api(TEST_TOKEN, { apiRoot: closed }), log, { attempts: 3, sleep })).rejects.toThrow(
      /could not reach Telegram after 3 attempts \(Network request for 'getMe' failed!.*ECONNREFUSED.*\); check the network or TELEGRAM_API_ROOT/,
    );
    expect(waits).toEqual([1000, 2000]);
  });
});
