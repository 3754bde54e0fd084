/**
 * `npm run bench:replicas`: one digest fanned out to many Telegram chats by replicas of the compiled bot sharing one
 * PostgreSQL database, through the Bot API emulator; real time, real processes. Not a test; nothing here asserts.
 * Usage: npm run bench:replicas [-- --chats 10000 --replicas 2 --rate 25]
 * Prints the rate achieved (first to last message at the emulator) against the configured budget and Telegram's
 * 30 msg/s, the most messages in any one-second window, and how the chats were shared. BENCHMARKS.md keeps the runs.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { startPostgres } from "../test/helpers/postgres-server.js";
import { newDatabase, storyFeed, storyItems, subscribeChats } from "../test/helpers/replica-deployment.js";
import { TEST_TOKEN, TelegramEmulator } from "../test/helpers/telegram-emulator.js";

const TELEGRAM_LIMIT = 30;
const { values } = parseArgs({
  options: {
    chats: { type: "string", default: "10000" },
    replicas: { type: "string", default: "2" },
    rate: { type: "string", default: "25" },
  },
});
const chats = Number.parseInt(values.chats, 10);
const replicaCount = Number.parseInt(values.replicas, 10);
const rate = Number.parseFloat(values.rate);

const server = await startPostgres();
const url = newDatabase(server.url, "bench_replicas");
const now = Date.now();
subscribeChats(url, chats, now);
const feed = await storyFeed(storyItems(now, ["b1", "b2", "b3"]));
const telegram = await TelegramEmulator.start({ answerSends: "here" });
const replicas: ChildProcess[] = [];
const sentBy: number[] = [];
try {
  for (let i = 0; i < replicaCount; i += 1) {
    const child = spawn(process.execPath, ["dist-bench/src/main.js"], {
      env: {
        ...process.env,
        HILO_DATABASE_URL: url,
        HILO_FEED_URLS: feed.url,
        HILO_ALLOW_PRIVATE_FEEDS: "1",
        TELEGRAM_BOT_TOKEN: TEST_TOKEN,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        HILO_SEND_RATE: String(rate),
        HILO_LOG_LEVEL: "info",
        HILO_HEALTH_PORT: "0",
        DISCORD_TOKEN: "",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    sentBy.push(0);
    let rest = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      const lines = (rest + chunk.toString("utf8")).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) if (line.includes('"msg":"delivery sent"')) sentBy[i]! += 1;
    });
    replicas.push(child);
  }
  const delivered = () => telegram.callsTo("sendMessage").filter((call) => call.answer.ok);
  // Bounded: twice the fan-out's time at the configured rate, and five minutes more for start and scheduling.
  await telegram.waitFor(
    () => new Set(delivered().map((call) => call.payload.chat_id)).size >= chats,
    `a digest in each of ${chats} chats`,
    (2 * chats * 1000) / rate + 5 * 60_000,
  );
  const times = delivered()
    .map((call) => call.at)
    .sort((a, b) => a - b);
  const spanS = (times.at(-1)! - times[0]!) / 1000;
  const achieved = (times.length - 1) / spanS;
  // For each message, how many arrived in the second that ends with it.
  const windows: number[] = [];
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while (times[j]! <= times[i]! - 1000) j += 1;
    windows.push(i - j + 1);
  }
  const busiest = Math.max(...windows);
  const over = (limit: number) => windows.filter((count) => count > limit).length;
  const perChat = new Map<string, number>();
  for (const call of delivered())
    perChat.set(String(call.payload.chat_id), (perChat.get(String(call.payload.chat_id)) ?? 0) + 1);
  const twice = [...perChat.values()].filter((n) => n > 1).length;
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  console.log(
    `replica fan-out: ${chats} chats, ${replicaCount} replicas, HILO_SEND_RATE=${rate}; ${cpus().length} × ${cpu}, Node ${process.versions.node}`,
  );
  console.log(
    `  messages at the emulator: ${times.length} over ${spanS.toFixed(1)} s (first to last); chats served twice: ${twice}`,
  );
  console.log(
    `  achieved ${achieved.toFixed(2)} msg/s: ÷ budget ${(achieved / rate).toFixed(3)}, ÷ Telegram's ${TELEGRAM_LIMIT} ${(achieved / TELEGRAM_LIMIT).toFixed(3)}`,
  );
  console.log(`  most in any 1 s window: ${busiest} (budget ${rate}, Telegram ${TELEGRAM_LIMIT})`);
  console.log(
    `  messages ending a second with more than the budget allows (${Math.ceil(rate)}): ${over(Math.ceil(rate))}; more than ${TELEGRAM_LIMIT}: ${over(TELEGRAM_LIMIT)} (of ${windows.length})`,
  );
  console.log(`  sent per replica: ${sentBy.join(" / ")}`);
} finally {
  for (const child of replicas) child.kill("SIGKILL");
  await telegram.close();
  await feed.server.close();
  server.stop();
}
