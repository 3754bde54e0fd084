import { runConsole } from "./adapters/console/repl.js";
import { loadConfig, storyClock } from "./config.js";
import { runLive } from "./run-live.js";
import { Hilo, loadStoryPack, openDatabase } from "./digest/index.js";
import { createStderrLogger } from "./stderr-logger.js";

/** Wiring only: config, database, story, then the adapters whose tokens are set (the console when none). */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createStderrLogger(config.logLevel);
  const pack = loadStoryPack(config.storyDir);
  const db = openDatabase(config.dbPath);
  const hilo = new Hilo({ db, pack, log, storyClock: storyClock(config), digestChars: config.digestChars });
  const report = await hilo.ingestDemoIfEmpty();
  if (report) {
    log.info("demo corpus ingested", { articles: report.added, developments: report.developmentsCreated });
  }
  const stopLive = config.live ? await runLive(hilo, db, pack, config, log) : () => undefined;
  const shutdown = () => {
    stopLive();
    db.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  await runConsole(hilo, config.lang, { input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true });
  // Live, the bot keeps polling and sending after stdin ends (e.g. under a process manager) until a signal.
  if (!config.live) shutdown();
}

main().catch((error: unknown) => {
  process.stderr.write(`hilo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
