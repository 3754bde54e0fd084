import { describe, expect, it } from "vitest";
import { ADMIN_TTL_MS, AdminCache, type AdminSource } from "../../../src/adapters/telegram/admin-cache.js";
import { RecordingLogger } from "../../../src/digest/index.js";

/** A getChatAdministrators that counts its calls and answers from a table, or fails when told to. */
class FakeAdmins implements AdminSource {
  calls = 0;
  failing = false;
  constructor(readonly admins: Map<number, number[]>) {}
  async getChatAdministrators(chatId: number) {
    this.calls += 1;
    if (this.failing) throw new Error("Network request for 'getChatAdministrators' failed!");
    return (this.admins.get(chatId) ?? []).map((id) => ({ user: { id } }));
  }
}

describe("group admins", () => {
  it("asks Telegram once per group within five minutes, and again after", async () => {
    let now = 0;
    const source = new FakeAdmins(new Map([[-100, [1]]]));
    const cache = new AdminCache(source, new RecordingLogger(), () => now);
    expect(await cache.isAdmin(-100, 1)).toBe(true);
    expect(await cache.isAdmin(-100, 2)).toBe(false);
    expect(source.calls).toBe(1);
    source.admins.set(-100, [1, 2]);
    now += ADMIN_TTL_MS + 1;
    expect(await cache.isAdmin(-100, 2)).toBe(true);
    expect(source.calls).toBe(2);
  });

  it("treats the sender as a member when Telegram can't say, logs it, and asks again next time", async () => {
    const source = new FakeAdmins(new Map([[-100, [1]]]));
    const log = new RecordingLogger();
    const cache = new AdminCache(source, log);
    source.failing = true;
    expect(await cache.isAdmin(-100, 1)).toBe(false);
    expect(log.entries).toMatchObject([{ level: "warn", fields: { chat: -100 } }]);
    source.failing = false;
    expect(await cache.isAdmin(-100, 1)).toBe(true);
  });
});
