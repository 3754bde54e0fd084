import { describe, expect, it } from "vitest";
import { HandledUpdates } from "../../../src/digest/store/handled-updates-store.js";
import { openSharedTestDatabases } from "../../helpers/test-database.js";

const NOW = Date.parse("2025-12-11T12:00:00Z");

describe("handled platform updates", () => {
  it("lets the first replica take an update and tells every other copy it is taken, per platform", () => {
    const [first, second] = openSharedTestDatabases(2).map((db) => new HandledUpdates(db));
    expect(first!.take("telegram", 9001, NOW)).toBe(true);
    expect(second!.take("telegram", 9001, NOW + 60_000)).toBe(false);
    expect(first!.take("telegram", 9001, NOW + 120_000)).toBe(false);
    expect(second!.take("telegram", 9002, NOW)).toBe(true);
    expect(second!.take("discord", 9001, NOW)).toBe(true);
  });

  it("forgets ids a day old as new ones come, so the table stays small", () => {
    const [db] = openSharedTestDatabases(1);
    const updates = new HandledUpdates(db!);
    const count = () => db!.prepare("SELECT count(*) FROM handled_updates").pluck().get() as number;
    for (let id = 1; id <= 499; id += 1) updates.take("telegram", id, NOW);
    expect(count()).toBe(499);
    updates.take("telegram", 500, NOW + 25 * 60 * 60 * 1000);
    expect(count()).toBe(1);
  });
});
