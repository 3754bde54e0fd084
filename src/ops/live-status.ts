import type { LiveTick } from "../digest/index.js";

/** When the live bot last read a feed and delivered a message, and when it started; what /healthz reports on. */
export class LiveStatus {
  private feedSuccessAt: number | undefined;
  private deliveryAt: number | undefined;
  private failure: { at: number; detail: string } | undefined;
  private pollsSince: number | undefined;

  /** `startedAt` stands in for the last feed success until there is one, so a bot that never reads goes stale too. */
  constructor(readonly startedAt: number) {
    this.pollsSince = startedAt;
  }

  get lastFeedSuccessAt(): number | undefined {
    return this.feedSuccessAt;
  }

  get lastDeliveryAt(): number | undefined {
    return this.deliveryAt;
  }

  /**
   * Since when this replica has polled the feeds (it holds the work lease), or undefined while another one does: a
   * replica that only sends is not stale for not reading feeds.
   */
  get pollingSince(): number | undefined {
    return this.pollsSince;
  }

  /** The last tick that failed as a whole (or whose filing failed), until a tick completes cleanly. */
  get lastTickFailure(): { at: number; detail: string } | undefined {
    return this.failure;
  }

  /** Notes what one tick did at `now`; an unchanged feed (304) counts as read, since the publisher answered. */
  record(tick: LiveTick, now: number): void {
    if (tick.work === "elsewhere") this.pollsSince = undefined;
    else this.pollsSince ??= now;
    if (tick.polled.feeds.some((feed) => feed.outcome !== "failed")) this.feedSuccessAt = now;
    if (tick.drained.sent > 0) this.deliveryAt = now;
    this.failure =
      tick.polled.ingestError === undefined
        ? undefined
        : { at: now, detail: `filing the feeds' articles failed: ${tick.polled.ingestError}` };
  }

  /** Notes a tick that threw before it finished. */
  recordFailure(detail: string, now: number): void {
    this.failure = { at: now, detail };
  }
}
