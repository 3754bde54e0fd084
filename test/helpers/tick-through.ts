import { type Db, type Hilo, type Logger, type Notifier, type StoryPack, systemClock } from "../../src/digest/index.js";
import { createDelivery } from "../../src/run-live.js";

/**
 * The delivery path as run-live.ts builds it, through one platform's notifier: the returned `tick(iso)` lets the
 * scheduler queue what is due at that time and the sender deliver it. Real time between one chat's messages is
 * zero, so a test never waits on the clock.
 */
export function tickThrough(
  world: { hilo: Hilo; db: Db; pack: StoryPack; log: Logger },
  notifier: Notifier,
): (iso: string) => Promise<void> {
  const { scheduler, sender } = createDelivery({
    ...world,
    digestBudget: 3500,
    notifiers: [notifier],
    clock: systemClock,
    limits: { privateGapMs: 0, groupGapMs: 0 },
  });
  return async (iso) => {
    const at = Date.parse(iso);
    scheduler.tick(at);
    await sender.drain(at);
  };
}
