import { z } from "zod";
import { ConfigError } from "./digest/errors.js";
import { Lang } from "./digest/model.js";

const Env = z.object({
  HILO_DB_PATH: z.string().min(1).default("data/hilo.db"),
  HILO_STORY_DIR: z.string().min(1).default("content/venezuela-2025"),
  HILO_LANG: Lang.default("es"),
  HILO_LOG_LEVEL: z.enum(["info", "warn", "error", "silent"]).default("warn"),
  HILO_NOW: z.iso.datetime({ offset: true }).optional(),
  HILO_DIGEST_CHARS: z.coerce.number().int().min(500).max(100_000).default(3500),
});

export interface Config {
  dbPath: string;
  storyDir: string;
  /** The console chat's language. */
  lang: Lang;
  logLevel: "info" | "warn" | "error" | "silent";
  /** A fixed story clock (ms); unset, the bundled demo uses the time of its newest article. */
  now: number | undefined;
  digestChars: number;
}

/** Reads the environment once; every problem is reported together, each with its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new ConfigError(`invalid configuration:\n${z.prettifyError(parsed.error)}`);
  const data = parsed.data;
  return {
    dbPath: data.HILO_DB_PATH,
    storyDir: data.HILO_STORY_DIR,
    lang: data.HILO_LANG,
    logLevel: data.HILO_LOG_LEVEL,
    now: data.HILO_NOW === undefined ? undefined : Date.parse(data.HILO_NOW),
    digestChars: data.HILO_DIGEST_CHARS,
  };
}
