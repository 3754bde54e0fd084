import { describe, expect, it } from "vitest";
import { startDiscord } from "../../../src/adapters/discord/start-discord.js";
import { RecordingLogger } from "../../../src/digest/index.js";
import { demoParts } from "../../helpers/demo-hilo.js";
import { DiscordFake, FAKE_APP_ID, FAKE_TOKEN } from "../../helpers/discord-fake.js";
import { freePort } from "../../helpers/telegram-emulator.js";

/** Records the waits instead of waiting. */
function fakeSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe("starting the Discord adapter", () => {
  it("retries an unreachable Discord with growing waits, logging each, then gives up naming the cause and the variable", async () => {
    const { hilo, db } = await demoParts({});
    const log = new RecordingLogger();
    const { waits, sleep } = fakeSleep();
    const nobody = `http://127.0.0.1:${await freePort()}/api`;
    await expect(
      startDiscord({
        hilo,
        log,
        discord: { token: FAKE_TOKEN, applicationId: FAKE_APP_ID, apiRoot: nobody, mentions: false },
        attempts: 3,
        sleep,
      }),
    ).rejects.toThrow(
      /^could not reach Discord after 3 attempts \(.*ECONNREFUSED.*\); check the network or DISCORD_API_ROOT$/,
    );
    expect(waits).toEqual([1000, 2000]);
    expect(log.entries.map((entry) => entry.message)).toEqual([
      "could not reach Discord; retrying",
      "could not reach Discord; retrying",
    ]);
    db.close();
  });

  it("logs in when Discord answers again after a failed attempt", async () => {
    const { hilo, db } = await demoParts({});
    const log = new RecordingLogger();
    const port = await freePort();
    let later: DiscordFake | undefined;
    // Nothing listens on the port at first; the wait before the retry is when Discord comes back.
    const handle = await startDiscord({
      hilo,
      log,
      discord: {
        token: FAKE_TOKEN,
        applicationId: FAKE_APP_ID,
        apiRoot: `http://127.0.0.1:${port}/api`,
        mentions: false,
      },
      readyWithinMs: 5_000,
      sleep: async () => {
        later = await DiscordFake.start({ port });
      },
    });
    expect(handle.client.isReady()).toBe(true);
    expect(log.entries.map((entry) => entry.message)).toEqual([
      "could not reach Discord; retrying",
      "discord bot ready",
    ]);
    await handle.stop();
    await later?.close();
    db.close();
  });

  it("connects only this replica's shards: two replicas, one shard each of two, both ready", async () => {
    const { hilo, db } = await demoParts({});
    const discord = await DiscordFake.start();
    const settings = { token: FAKE_TOKEN, applicationId: FAKE_APP_ID, apiRoot: discord.apiRoot, mentions: false };
    const replicas = [];
    try {
      for (const shard of [0, 1]) {
        replicas.push(
          await startDiscord({
            hilo,
            log: new RecordingLogger(),
            discord: { ...settings, shards: { ids: [shard], count: 2 } },
          }),
        );
      }
      expect(replicas.map((replica) => replica.client.isReady())).toEqual([true, true]);
      expect(replicas.map((replica) => [...replica.client.ws.shards.keys()])).toEqual([[0], [1]]);
      expect(discord.identifiedShards).toEqual([
        [0, 2],
        [1, 2],
      ]);
    } finally {
      for (const replica of replicas) await replica.stop();
      await discord.close();
      db.close();
    }
  });
});
