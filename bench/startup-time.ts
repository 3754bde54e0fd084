import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// A start that takes longer than this is reported as a failure rather than waited on.
const LIMIT_MS = 120_000;

/** Milliseconds from spawning `npm start`'s entry until the first digest line reaches stdout. */
function timeToDigest(dbPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
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

/** Startup to first digest on a new database (the demo is ingested first) and on that same database again. */
export async function startupTimes(): Promise<{ fresh: number; existing: number }> {
  const dir = mkdtempSync(join(tmpdir(), "hilo-startup-"));
  try {
    const dbPath = join(dir, "hilo.db");
    const fresh = await timeToDigest(dbPath);
    const existing = await timeToDigest(dbPath);
    return { fresh, existing };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
