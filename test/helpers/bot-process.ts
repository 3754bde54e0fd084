import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "../..");

/**
 * The child's output on one stream so far, and a promise for the first time it matches a pattern. A child that exits
 * first fails the wait with what it printed; a loaded machine only makes the wait longer (each test's timeout bounds it).
 */
export function watchStream(child: ChildProcess, stream: "stdout" | "stderr") {
  let text = "";
  let exited = false;
  const waiters: { pattern: RegExp; resolve: () => void; reject: (error: Error) => void }[] = [];
  child[stream]!.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
    for (const waiter of waiters.splice(0)) {
      if (waiter.pattern.test(text)) waiter.resolve();
      else waiters.push(waiter);
    }
  });
  child.once("exit", (code) => {
    exited = true;
    for (const waiter of waiters.splice(0))
      waiter.reject(new Error(`the bot exited (${code}) before ${waiter.pattern} on ${stream}:\n${text}`));
  });
  return {
    get text() {
      return text;
    },
    waitFor(pattern: RegExp): Promise<void> {
      if (pattern.test(text)) return Promise.resolve();
      if (exited) return Promise.reject(new Error(`the bot had exited before ${pattern} on ${stream}:\n${text}`));
      return new Promise((resolve, reject) => waiters.push({ pattern, resolve, reject }));
    },
  };
}

export function watchStderr(child: ChildProcess) {
  return watchStream(child, "stderr");
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/**
 * `npm start`'s entry with `env` over this process's; no stdin at all by default, as under a process manager, or a
 * piped one a test keeps open (the console bot runs until its input ends).
 */
export function startBot(
  env: Record<string, string>,
  stdin: "ignore" | "pipe" = "ignore",
): {
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr: ReturnType<typeof watchStderr>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    // The health server stays off unless a test asks for it, so a bot running on this machine cannot collide with it.
    env: {
      ...process.env,
      HILO_LOG_LEVEL: "info",
      HILO_LIVE: "",
      HILO_HEALTH_PORT: "0",
      TELEGRAM_BOT_TOKEN: "",
      DISCORD_TOKEN: "",
      ...env,
    },
    stdio: [stdin, "pipe", "pipe"],
  });
  return { child, exited: exitOf(child), stderr: watchStderr(child) };
}
