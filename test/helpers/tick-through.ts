import {
  createLive,
  type Db,
  type Hilo,
  type Logger,
  type Notifier,
  type StoryPack,
  systemClock,
} from "../../src/digest/index.js";

/**
 * The live path as `npm start` builds it (createLive, with no feeds to poll), through one platform's notifier: the
 * returned `tick(iso)` runs one live tick at that time, so the scheduler queues what is due and the sender delivers
 * it. Real time between one chat's messages is zero, so a test never waits on the clock.
 */
export function tickThrough(
  world: { hilo: Hilo; db: Db; pack: StoryPack; log: Logger },
  notifier: Notifier,
): (iso: string) => Promise<void> {
  const live = createLive({
    ...world,
    feeds: [],
    digestBudget: 3500,
    notifiers: [notifier],
    clock: systemClock,
    limits: { privateGapMs: 0, groupGapMs: 0 },
  });
  return async (iso) => {
    await live.tick(Date.parse(iso));
  };
}
