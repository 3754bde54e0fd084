import { join } from "node:path";
import { Hilo, loadStoryPack, openDatabase, silentLogger, type Logger } from "../../src/digest/index.js";

export const STORY_DIR = join(import.meta.dirname, "../../content/venezuela-2025");

/** A Hilo over an in-memory database with the bundled demo corpus ingested, as `npm start` builds it. */
export async function demoHilo(log: Logger = silentLogger): Promise<Hilo> {
  const pack = loadStoryPack(STORY_DIR);
  const hilo = new Hilo({ db: openDatabase(":memory:"), pack, log, digestChars: 3500 });
  await hilo.ingestDemoIfEmpty();
  return hilo;
}
