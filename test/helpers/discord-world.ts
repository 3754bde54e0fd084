import { type DiscordHandle, startDiscord } from "../../src/adapters/discord/start-discord.js";
import { demoParts } from "./demo-hilo.js";
import { DiscordFake, type DiscordFakeOptions, FAKE_APP_ID, FAKE_TOKEN, fakeClientOptions } from "./discord-fake.js";

export interface DiscordWorldOptions {
  /** Answer questions in messages that mention the bot. */
  mentions?: boolean;
  /** Characters the core gives one digest (3500 in production). */
  digestChars?: number;
  /** Wall clock of the core (when a chat subscribed). */
  wallClock?: () => number;
  fake?: DiscordFakeOptions;
}

/**
 * The Discord adapter as `npm start` runs it — the demo story on an in-memory database, a real discord.js Client
 * logged in through startDiscord — against the local fake of Discord on 127.0.0.1.
 */
export async function discordWorld(options: DiscordWorldOptions = {}) {
  const fake = await DiscordFake.start(options.fake);
  const { hilo, db, pack, log } = await demoParts(options);
  const handle: DiscordHandle = await startDiscord({
    hilo,
    discord: {
      token: FAKE_TOKEN,
      applicationId: FAKE_APP_ID,
      apiRoot: fake.apiRoot,
      mentions: options.mentions ?? false,
    },
    log,
    clientOptions: fakeClientOptions(fake),
    readyWithinMs: 5_000,
  });
  return {
    fake,
    hilo,
    db,
    pack,
    log,
    handle,
    async close() {
      // The client first: a fake that goes away first makes it try to reconnect.
      await handle.stop();
      await fake.close();
      db.close();
    },
  };
}
