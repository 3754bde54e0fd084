import { join } from "node:path";
import { Hilo, type Logger, loadStoryPack, RecordingLogger, silentLogger } from "../../src/digest/index.js";
import { openTestDatabase } from "./test-database.js";

export const STORY_DIR = join(import.meta.dirname, "../../content/venezuela-2025");

/** A Hilo over an empty database (in-memory SQLite; a PostgreSQL schema in the PostgreSQL suite) with the bundled demo corpus ingested, as `npm start` builds it. */
export async function demoHilo(log: Logger = silentLogger): Promise<Hilo> {
  const pack = loadStoryPack(STORY_DIR);
  const hilo = new Hilo({ db: openTestDatabase(), pack, log, digestChars: 3500 });
  await hilo.ingestDemoIfEmpty();
  return hilo;
}

/**
 * The demo Hilo with what the adapter tests look into beside it: its database, story pack and a logger that
 * records. `digestChars` is what the core gives one digest (3500 in production); `wallClock` dates subscriptions.
 */
export async function demoParts(
  options: { digestChars?: number | undefined; wallClock?: (() => number) | undefined } = {},
) {
  const db = openTestDatabase();
  const log = new RecordingLogger();
  const pack = loadStoryPack(STORY_DIR);
  const hilo = new Hilo({ db, pack, log, digestChars: options.digestChars ?? 3500, wallClock: options.wallClock });
  await hilo.ingestDemoIfEmpty();
  return { hilo, db, pack, log };
}
