/** Where the core writes what happened; main.ts decides whether it goes to stderr, JSON or nowhere. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A logger that drops everything (tests and benchmarks). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** A logger that keeps every entry, so tests can assert on what was logged. */
export class RecordingLogger implements Logger {
  readonly entries: { level: "info" | "warn" | "error"; message: string; fields: Record<string, unknown> }[] = [];
  info(message: string, fields: Record<string, unknown> = {}): void {
    this.entries.push({ level: "info", message, fields });
  }
  warn(message: string, fields: Record<string, unknown> = {}): void {
    this.entries.push({ level: "warn", message, fields });
  }
  error(message: string, fields: Record<string, unknown> = {}): void {
    this.entries.push({ level: "error", message, fields });
  }
}
