import { existsSync } from "node:fs";
import { loadEnvFile } from "node:process";

/**
 * Reads `.env` in the working folder into the environment when the file is there, as `node --env-file-if-exists`
 * does: a variable already set (by the shell, Docker or a process manager) keeps its value. Returns the file read.
 */
export function loadDotEnv(path = ".env"): string | undefined {
  if (!existsSync(path)) return undefined;
  loadEnvFile(path);
  return path;
}
