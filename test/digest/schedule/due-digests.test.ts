import { describe, expect, it } from "vitest";
import { dueDigests } from "../../../src/digest/schedule/due-digests.js";
import type { Subscription } from "../../../src/digest/store/subscription-store.js";

function subscription(overrides: Partial<Subscription>): Subscription {
  return {
    chatRef: 1,
    target: { platform: "test", chatId: "1", threadId: undefined, kind: "private" },
    lang: "es",
    digestAt: "08:00",
    timeZone: "America/Caracas",
    alerts: true,
    quietFrom: undefined,
    quietTo: undefined,
    alertBudget: 5,
    active: true,
    inactiveReason: undefined,
    lastDigestAt: null,
    subscribedAt: Date.parse("2025-01-01T00:00:00Z"),
    ...overrides,
  };
}

const at = (iso: string) => Date.parse(iso);

describe("which digests are due", () => {
  it("is due at 08:00 in the chat's zone and not a minute before", () => {
    const sub = subscription({ lastDigestAt: at("2025-12-10T12:00:00Z") });
    expect(dueDigests([sub], at("2025-12-11T11:59:00Z"))).toEqual([]); // 07:59 in Caracas
    expect(dueDigests([sub], at("2025-12-11T12:00:00Z")).map((d) => d.period)).toEqual(["2025-12-11"]);
  });

  it("is due once per day: after the digest is marked, the same day is not due again", () => {
    const sub = subscription({ lastDigestAt: at("2025-12-11T12:00:30Z") });
    expect(dueDigests([sub], at("2025-12-11T18:00:00Z"))).toEqual([]);
  });

  it("after days of downtime, yields one digest for the latest missed time, not one per day", () => {
    const sub = subscription({ lastDigestAt: at("2025-12-05T12:00:00Z") });
    const due = dueDigests([sub], at("2025-12-11T15:00:00Z"));
    expect(due).toHaveLength(1);
    expect(due[0]!.period).toBe("2025-12-11");
  });

  it("keeps 08:00 local in New York across the DST change", () => {
    const before = subscription({ timeZone: "America/New_York", lastDigestAt: at("2025-10-31T12:00:00Z") });
    expect(dueDigests([before], at("2025-11-01T11:59:00Z"))).toEqual([]);
    expect(dueDigests([before], at("2025-11-01T12:00:00Z"))).toHaveLength(1); // 08:00 EDT
    const after = subscription({ timeZone: "America/New_York", lastDigestAt: at("2025-11-02T13:00:00Z") });
    expect(dueDigests([after], at("2025-11-03T12:30:00Z"))).toEqual([]); // 07:30 EST
    expect(dueDigests([after], at("2025-11-03T13:00:00Z"))).toHaveLength(1); // 08:00 EST
  });

  it("serves chats in different zones at their own 08:00", () => {
    const caracas = subscription({ chatRef: 1, lastDigestAt: at("2025-12-10T12:00:00Z") });
    const madrid = subscription({ chatRef: 2, timeZone: "Europe/Madrid", lastDigestAt: at("2025-12-10T07:00:00Z") });
    expect(dueDigests([caracas, madrid], at("2025-12-11T07:00:00Z")).map((d) => d.subscription.chatRef)).toEqual([2]);
    expect(dueDigests([caracas, madrid], at("2025-12-11T12:00:00Z")).map((d) => d.subscription.chatRef)).toEqual([
      1, 2,
    ]);
  });

  it("does not send yesterday's digest to a chat that subscribed after its time", () => {
    const sub = subscription({ subscribedAt: at("2025-12-11T14:00:00Z") }); // 10:00 in Caracas
    expect(dueDigests([sub], at("2025-12-11T15:00:00Z"))).toEqual([]);
    expect(dueDigests([sub], at("2025-12-12T12:00:00Z"))).toHaveLength(1);
  });

  it("skips inactive subscriptions", () => {
    expect(dueDigests([subscription({ active: false })], at("2025-12-11T12:00:00Z"))).toEqual([]);
  });
});
