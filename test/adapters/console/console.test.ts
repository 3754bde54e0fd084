import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "hilo-console-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npm start`'s entry with piped stdin, as `printf '/actor petro\n' | npm start` does. */
function runConsole(input: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, HILO_DB_PATH: join(dir, "hilo.db"), HILO_LOG_LEVEL: "warn", TELEGRAM_BOT_TOKEN: "", DISCORD_TOKEN: "", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("the console bot", () => {
  it("ingests the demo story on first run, prints the digest, answers each piped line and exits", async () => {
    const { code, stdout } = await runConsole("/actor petro\n/search asilo\n/actor petroleo\n");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^🧵 Venezuela – EE UU · /);
    expect(stdout).toMatch(/\d+ nuevos? · \d+ actualizados?/);
    expect(stdout).toContain("Gustavo Petro — Presidente de Colombia");
    expect(stdout).toMatch(/Resultados para «asilo»/);
    expect(stdout).toContain("No hay un actor llamado «petroleo». ¿Buscabas PDVSA?");
  });

  it("keeps the story in its database across restarts and answers in English when asked", async () => {
    const { code, stdout } = await runConsole("/latest\n", { HILO_LANG: "en" });
    expect(code).toBe(0);
    expect(stdout).toMatch(/🧵 Venezuela – US/);
    expect(stdout).toMatch(/Latest\n· /);
  });

  it("stops with a message naming the variable when the configuration is invalid", async () => {
    const { code, stderr } = await runConsole("", { HILO_LANG: "fr" });
    expect(code).toBe(1);
    expect(stderr).toMatch(/HILO_LANG/);
  });
});

describe("the console rendering", () => {
  it("prints a digest no longer than the budget the console gives the core", async () => {
    const { demoHilo } = await import("../../helpers/demo-hilo.js");
    const { renderReply } = await import("../../../src/adapters/console/render.js");
    const hilo = await demoHilo();
    const reply = hilo.answer("/digest 7d", { platform: "test", chatId: "budget" }, "es")!;
    expect(reply.kind).toBe("digest");
    expect(renderReply(reply).length).toBeLessThanOrEqual(3500);
    expect(reply.kind === "digest" && reply.digest.omitted).toMatch(/desarrollos? más/);
  });
});
