import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { DiscordFake, FAKE_APP_ID, FAKE_GUILD_ID, FAKE_TOKEN, refusal } from "../helpers/discord-fake.js";
import { runHilo } from "../helpers/run-hilo.js";

let fake: DiscordFake;
beforeAll(async () => {
  fake = await DiscordFake.start();
});
afterAll(() => fake.close());

async function register(
  args: string[],
  env: Record<string, string> = {
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_APPLICATION_ID: FAKE_APP_ID,
    DISCORD_API_ROOT: fake.apiRoot,
  },
) {
  return runHilo(["discord-register", ...args], loadConfig(env));
}

describe("hilo discord-register", () => {
  it("registers the slash commands in one server with --guild, as Discord accepts them", async () => {
    const { code, stdout } = await register(["--guild", FAKE_GUILD_ID]);
    expect(code).toBe(0);
    expect(stdout).toBe("15 slash commands registered (guild 1200000000000000001)\n");
    expect(fake.registeredCommands(FAKE_GUILD_ID).map((c) => c.name)).toContain("actor");
    expect(fake.registeredCommands(FAKE_GUILD_ID).map((c) => c.name)).toContain("ask");
  });

  it("registers them globally without --guild, and says Discord may take a while", async () => {
    const { code, stdout } = await register([]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^15 slash commands registered \(global\); Discord may take up to an hour/);
    expect(fake.registeredCommands().length).toBe(15);
  });

  it("says what is missing without the Discord variables, and refuses a --guild that is not an id", async () => {
    expect(await register([], {})).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/needs DISCORD_TOKEN and DISCORD_APPLICATION_ID/),
    });
    expect(await register(["--guild", "my-server"])).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--guild takes a server id/),
    });
  });

  it("reports Discord's refusal and exits non-zero", async () => {
    fake.script({ method: "PUT", path: /\/commands$/ }, refusal.missingAccess());
    const { code, stderr } = await register(["--guild", FAKE_GUILD_ID]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/could not register the slash commands: .*Missing Access/);
  });
});
