/**
 * `npm run bench:hostile`: the live bot, as `npm start` runs it (same heap caps), polling a good feed beside every
 * hostile kind in test/helpers/hostile-feeds.ts, started twice on one database (a crash-loop shows on the second).
 * Prints the peak RSS of each run (VmHWM from /proc), what /sources says, and whether the good feed was filed.
 * Not a test: nothing here asserts; the goal is a peak under 250 MB.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { startHostileFeeds } from "../test/helpers/hostile-feeds.js";

// A run that does not reach its first tick in this long is reported as stuck rather than waited on.
const LIMIT_MS = 180_000;

interface Run {
  peakRssMb: number;
  exit: string;
  sources: string;
}

/** Peak resident set of a live process, in MB, while it runs (Linux only). */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  // A process that is exiting has no VmHWM line any more: it counts as nothing new.
  const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function runBot(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--max-old-space-size=128", "--max-semi-space-size=4", "--import", "tsx", "src/main.ts"],
      {
        env: {
          ...process.env,
          HILO_LOG_LEVEL: "info",
          TELEGRAM_BOT_TOKEN: "",
          DISCORD_TOKEN: "",
          HILO_HEALTH_PORT: "0",
          ...env,
        },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    let peak = 0;
    let asked = false;
    const limit = setTimeout(() => child.kill("SIGKILL"), LIMIT_MS);
    // Sampled as it runs too, so a run the kernel kills still reports how high it got.
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, peakRssMb(child.pid!));
      } catch {
        // The process has gone; its last sample stands.
      }
    }, 100);
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      if (asked && /\n\s*$/.test(stdout) && stdout.includes("slow-drip")) {
        peak = Math.max(peak, peakRssMb(child.pid!));
        child.kill("SIGTERM");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      if (!asked && /"msg":"tick"/.test(stderr)) {
        asked = true;
        stdout = "";
        child.stdin.write("/sources\n");
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(limit);
      clearInterval(sampler);
      const fatal = /heap out of memory|Maximum call stack/.exec(stderr)?.[0];
      resolve({ peakRssMb: peak, exit: fatal ?? signal ?? `code ${code}`, sources: stdout.trim() });
    });
  });
}

const world = await startHostileFeeds();
const dir = mkdtempSync(join(tmpdir(), "hilo-hostile-"));
try {
  const paths = [world.good, ...world.hostile.map((feed) => feed.path)];
  const env = {
    HILO_LIVE: "1",
    HILO_DB_PATH: join(dir, "hilo.db"),
    HILO_FEED_URLS: paths.map((path) => world.feeds.url(path)).join(","),
    // Only the hostile server's own address and port, as if it were a public host: the loopback service stays refused.
    HILO_ALLOW_PRIVATE_FEEDS: `127.0.0.1:${new URL(world.feeds.url("/")).port}`,
  };
  console.log(`machine: ${cpus().length}× ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}`);
  for (const label of ["first start", "second start, same database"]) {
    const run = await runBot(env);
    console.log(`\n${label}: peak RSS ${run.peakRssMb.toFixed(0)} MB (goal < 250), ended by ${run.exit}`);
    console.log(run.sources);
  }
  console.log(`\nloopback service requests: ${world.internal.requests.length} (must be 0)`);
} finally {
  await world.close();
  rmSync(dir, { recursive: true, force: true });
}
