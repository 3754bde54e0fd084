import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runNode } from "./helpers/run-process.js";

const ROOT = join(import.meta.dirname, "..");
const TSX = import.meta.resolve("tsx");
const dir = mkdtempSync(join(tmpdir(), "hilo-dotenv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm start`'s entry run from `cwd`, with stdin piped and the given environment on top of a clean one. */
function start(cwd: string, env: Record<string, string>, input: string) {
  return runNode(
    ["--import", TSX, join(ROOT, "src/main.ts")],
    { cwd, env: { PATH: process.env.PATH ?? "", HOME: dir, ...env } },
    input,
  );
}

describe(".env", () => {
  it("is read at start from the working folder, and a variable already set keeps its value", async () => {
    const cwd = mkdtempSync(join(dir, "run-"));
    writeFileSync(
      join(cwd, ".env"),
      [
        `HILO_STORY_DIR=${join(ROOT, "content/venezuela-2025")}`,
        `HILO_DB_PATH=${join(cwd, "demo.db")}`,
        "HILO_LANG=en",
        "HILO_LOG_LEVEL=error",
        "HILO_DEMO=0",
      ].join("\n"),
    );
    // HILO_DEMO=1 from the caller beats the file's HILO_DEMO=0: without the demo, the digest would be empty.
    const { code, stdout } = await start(cwd, { HILO_DEMO: "1" }, "/help\n");
    expect(code).toBe(0);
    expect(stdout).toMatch(/Everything|\/actor/);
    expect(stdout).toMatch(/Venezuela/);
    expect(stdout).toContain("/ask QUESTION");
  });

  it("is not needed: without one the defaults hold", async () => {
    const cwd = mkdtempSync(join(dir, "bare-"));
    const { code, stdout } = await start(
      cwd,
      {
        HILO_STORY_DIR: join(ROOT, "content/venezuela-2025"),
        HILO_DB_PATH: join(cwd, "demo.db"),
        HILO_LOG_LEVEL: "error",
      },
      "/help\n",
    );
    expect(code).toBe(0);
    expect(stdout).toContain("/ask PREGUNTA");
  });
});
