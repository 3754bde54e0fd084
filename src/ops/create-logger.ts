import { createRequire } from "node:module";
import { pino, stdSerializers } from "pino";
import type { Logger } from "../digest/index.js";

export interface LoggerOptions {
  level: "info" | "warn" | "error" | "silent";
  /** Values that must never be printed (bot tokens, webhook secrets), wherever they turn up. */
  secrets: readonly string[];
  /** Where lines go: stderr, since stdout belongs to the console adapter's output. */
  output?: { write(text: string): unknown; isTTY?: boolean | undefined };
  /** Human-readable lines instead of JSON; by default only when the output is a terminal. */
  pretty?: boolean;
}

const CENSOR = "[redacted]";

// Fields that hold credentials by name, at the top level or one object down (e.g. `{ telegram: { token } }`).
const SECRET_KEYS = ["token", "secret", "password", "authorization", "apiKey"];
const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`]);

/**
 * The core's Logger on pino: one JSON object per line (pretty on a terminal), at the configured level.
 * Tokens are kept out twice: pino redacts fields named like credentials, and every finished line is scrubbed of
 * the configured secret values, which also catches a token inside a message, a URL or an error's stack.
 */
export function createLogger(options: LoggerOptions): Logger {
  const output = options.output ?? process.stderr;
  const prettify = (options.pretty ?? output.isTTY === true) ? loadPrettifier() : undefined;
  const scrub = secretScrubber(options.secrets);
  const base = pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      // "level":"warn" rather than 40, so a line reads without pino's table of numbers.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { error: stdSerializers.err, err: stdSerializers.err },
    },
    // No buffering: stderr writes synchronously to files, pipes and terminals on Linux, and the bot calls
    // process.exit right after its last line ("stopping"), which must not be lost.
    { write: (line: string) => void output.write(scrub(prettify ? prettify(line) : line)) },
  );
  return {
    info: (message, fields) => base.info(fields ?? {}, message),
    warn: (message, fields) => base.warn(fields ?? {}, message),
    error: (message, fields) => base.error(fields ?? {}, message),
  };
}

/** pino-pretty is loaded only for a terminal, so a piped or containerised start does not pay for it. */
function loadPrettifier(): (line: string) => string {
  const { prettyFactory } = createRequire(import.meta.url)("pino-pretty") as typeof import("pino-pretty");
  return prettyFactory({ colorize: true, singleLine: true, ignore: "pid,hostname" });
}

/** Replaces each secret, as written raw, JSON-escaped or URL-encoded, with the censor mark. */
export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  const forms = new Set<string>();
  // A short value would blank out ordinary words; real tokens are dozens of characters.
  for (const secret of secrets.filter((value) => value.length >= 8)) {
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  // Longest first, so a whole token goes before a part of it that is listed too.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return (text) =>
    ordered.reduce((scrubbed, form) => (scrubbed.includes(form) ? scrubbed.split(form).join(CENSOR) : scrubbed), text);
}
