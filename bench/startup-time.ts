import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A start that takes longer than this is reported as a failure rather than waited on.
const LIMIT_MS = 120_000;

/** The bot's entry: the compiled one `npm start` runs, or the TypeScript through tsx (tests, `npm run start:dev`). */
const ENTRIES = { compiled: ["dist/main.js"], tsx: ["--import", "tsx", "src/main.ts"] } as const;

/** Milliseconds from spawning the bot's entry until the first digest line reaches stdout. */
function timeToDigest(dbPath: string, entry: keyof typeof ENTRIES): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--max-old-space-size=128", "--max-semi-space-size=4", ...ENTRIES[entry]], {
      env: {
        ...process.env,
        HILO_DB_PATH: dbPath,
        HILO_LOG_LEVEL: "error",
        TELEGRAM_BOT_TOKEN: "",
        DISCORD_TOKEN: "",
        HILO_LIVE: "",
      },
      stdio: ["pipe", "pipe", "ignore"],
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no digest within ${LIMIT_MS} ms`));
    }, LIMIT_MS);
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (!out.includes("🧵")) return;
      clearTimeout(timer);
      resolve(performance.now() - started);
      child.stdin.end();
    });
    child.on("error", reject);
  });
}

/**
 * Startup to first digest on a new database (the demo is ingested first), then on that same database again, compiled
 * (what `npm start` runs; `bin/build-if-stale.js` builds dist/ first) and through tsx; the median of three starts each.
 */
export async function startupTimes(): Promise<{ fresh: number; existing: number; existingTsx: number }> {
  const dir = mkdtempSync(join(tmpdir(), "hilo-startup-"));
  try {
    const build = spawnSync(process.execPath, ["bin/build-if-stale.js"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed");
    const dbPath = join(dir, "hilo.db");
    const fresh = await timeToDigest(dbPath, "compiled");
    const median = async (entry: keyof typeof ENTRIES) => {
      const times = [
        await timeToDigest(dbPath, entry),
        await timeToDigest(dbPath, entry),
        await timeToDigest(dbPath, entry),
      ];
      return times.sort((a, b) => a - b)[1]!;
    };
    return { fresh, existing: await median("compiled"), existingTsx: await median("tsx") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
