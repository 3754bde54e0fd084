import { describe, expect, it } from "vitest";
import type { ChatTarget } from "../../src/digest/index.js";
import { countRateLimits } from "../../src/ops/count-rate-limits.js";
import { digestMessage } from "../helpers/delivery-world.js";
import { FakeClock } from "../helpers/fake-clock.js";
import { answer, RecordingNotifier } from "../helpers/recording-notifier.js";

const target: ChatTarget = { platform: "telegram", chatId: "1", threadId: undefined, kind: "private" };

describe("counting rate limits per platform", () => {
  it("counts each rate-limited answer and passes every outcome through unchanged", async () => {
    const inner = new RecordingNotifier(new FakeClock(), "telegram").scriptCalls(
      answer.rateLimited(3_000),
      answer.failed(),
      answer.rateLimited(1_000),
    );
    const counted: string[] = [];
    const notifier = countRateLimits(inner, (platform) => counted.push(platform));

    const outcomes = [];
    for (let i = 0; i < 4; i += 1) outcomes.push(await notifier.send(target, digestMessage(`#${i}`)));

    expect(notifier.platform).toBe("telegram");
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(["rate-limited", "failed", "rate-limited", "sent"]);
    expect(counted).toEqual(["telegram", "telegram"]);
  });

  it("lets a notifier's throw through, as the sender expects of a bug", async () => {
    const inner = new RecordingNotifier(new FakeClock()).scriptCalls(answer.throws("adapter bug"));
    await expect(countRateLimits(inner, () => undefined).send(target, digestMessage("x"))).rejects.toThrow(
      "adapter bug",
    );
  });
});
