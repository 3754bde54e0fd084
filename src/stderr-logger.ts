import type { Logger } from "./digest/index.js";

const LEVELS = { info: 0, warn: 1, error: 2, silent: 3 } as const;

/** One line per entry on stderr, so stdout carries only what the user asked for. */
export function createStderrLogger(level: keyof typeof LEVELS): Logger {
  const write = (at: keyof typeof LEVELS, message: string, fields: Record<string, unknown> = {}) => {
    if (LEVELS[at] < LEVELS[level]) return;
    const extra = Object.entries(fields)
      .map(([key, value]) => `${key}=${typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value)}`)
      .join(" ");
    process.stderr.write(`${at} ${message}${extra ? ` ${extra}` : ""}\n`);
  };
  return {
    info: (message, fields) => write("info", message, fields),
    warn: (message, fields) => write("warn", message, fields),
    error: (message, fields) => write("error", message, fields),
  };
}
