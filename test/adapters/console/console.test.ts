import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReply } from "../../../src/adapters/console/render.js";
import { runConsole as converseWith } from "../../../src/adapters/console/repl.js";
import { es } from "../../../src/digest/i18n/es.js";
import type { Hilo, Reply } from "../../../src/digest/index.js";
import { demoHilo } from "../../helpers/demo-hilo.js";
import { runNode } from "../../helpers/run-process.js";

const ROOT = join(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "hilo-console-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const QUESTION = "¿quién ofrece asilo a Maduro?";
const TOO_LONG = "a".repeat(4001);

/** Runs `npm start`'s entry with piped stdin, as `printf '/actor petro\n' | npm start` does (`args` after `npm start --`). */
function runConsole(
  input: string,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return runNode(
    ["--import", "tsx", "src/main.ts", ...args],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        HILO_DB_PATH: join(dir, "hilo.db"),
        HILO_LOG_LEVEL: "warn",
        TELEGRAM_BOT_TOKEN: "",
        DISCORD_TOKEN: "",
        ...env,
      },
    },
    input,
  );
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

  it("answers a sentence as a question and, with --json, prints every reply as one line of JSON and nothing else", async () => {
    const { code, stdout } = await runConsole(["/actor petro", QUESTION, "?!…", TOO_LONG, ""].join("\n"), {}, [
      "--json",
    ]);
    expect(code).toBe(0);
    const replies = stdout
      .split("\n")
      .slice(0, -1)
      .map((line) => JSON.parse(line) as Reply);
    expect(stdout.endsWith("\n")).toBe(true);
    expect(replies.map((reply) => reply.kind).slice(0, 2)).toEqual(["digest", "actor"]);
    expect(replies).toHaveLength(5);
    expect(JSON.stringify(replies[2])).toMatch(/Bielorrusia/);
    expect(JSON.stringify(replies[2])).not.toContain(es.notACommand);
    expect(replies.slice(3)).toEqual([
      { kind: "error", text: es.questionEmpty },
      { kind: "error", text: es.questionTooLong },
    ]);
  });

  it("refuses an argument it does not know, naming it and the one it takes", async () => {
    const { code, stdout, stderr } = await runConsole("", {}, ["--jsno"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/unknown argument "--jsno": npm start takes only --json/);
  });

  it("stops with a message naming the variable when the configuration is invalid", async () => {
    const { code, stderr } = await runConsole("", { HILO_LANG: "fr" });
    expect(code).toBe(1);
    expect(stderr).toMatch(/HILO_LANG/);
  });
});

describe("the console conversation", () => {
  let hilo: Hilo;
  beforeAll(async () => {
    hilo = await demoHilo();
  });
  const CONSOLE_CHAT = { platform: "console", chatId: "local" };

  /** What the console prints for these typed lines (after the first digest), as a terminal or a pipe would get it. */
  async function converse(lines: string[], options: { json?: boolean; interactive?: boolean } = {}): Promise<string> {
    let printed = "";
    const output = new Writable({
      write(chunk, _encoding, done) {
        printed += String(chunk);
        done();
      },
    });
    await converseWith(hilo, "es", {
      input: Readable.from([lines.map((line) => `${line}\n`).join("")]),
      output,
      interactive: false,
      ...options,
    });
    return printed;
  }

  it("answers a sentence that is not a command as a question, not with «Escribe un comando»", async () => {
    const printed = await converse([QUESTION]);
    expect(printed).not.toContain(es.notACommand);
    expect(printed).toContain(renderReply(hilo.ask(QUESTION, CONSOLE_CHAT, "es", "private")));
  });

  it("still picks a choice by its number after a question asked back", async () => {
    const printed = await converse(["/actor vladimir", "2"]);
    expect(printed).toContain(`2. Vladimir Padrino López`);
    expect(printed).toContain(es.choiceByNumber);
    expect(printed).toContain(renderReply(hilo.answer("/actor padrino", CONSOLE_CHAT, "es")!));
  });

  it("writes no prompt in JSON mode, even on a terminal: one JSON line per reply, choices picked by number too", async () => {
    const printed = await converse(["/actor vladimir", "1", QUESTION, "🤔", TOO_LONG], {
      json: true,
      interactive: true,
    });
    expect(printed).not.toContain("hilo> ");
    const replies = printed
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Reply);
    expect(replies.map((reply) => reply.kind).slice(0, 3)).toEqual(["digest", "choices", "actor"]);
    expect(replies[2]).toEqual(hilo.answer("/actor putin", CONSOLE_CHAT, "es"));
    expect(replies[3]).toEqual(hilo.ask(QUESTION, CONSOLE_CHAT, "es", "private"));
    expect(replies.slice(4)).toEqual([
      { kind: "error", text: es.questionEmpty },
      { kind: "error", text: es.questionTooLong },
    ]);
  });

  it("shows the prompt on a terminal without JSON", async () => {
    expect(await converse(["/latest"], { interactive: true })).toMatch(/hilo> [\s\S]*hilo> $/);
  });
});

describe("the console rendering", () => {
  it("prints a digest no longer than the budget the console gives the core", async () => {
    const { demoHilo } = await import("../../helpers/demo-hilo.js");
    const { renderReply } = await import("../../../src/adapters/console/render.js");
    const hilo = await demoHilo();
    const reply = hilo.answer("/digest 30d", { platform: "test", chatId: "budget" }, "es")!;
    expect(reply.kind).toBe("digest");
    expect(renderReply(reply).length).toBeLessThanOrEqual(3500);
    expect(reply.kind === "digest" && reply.digest.omitted).toMatch(/desarrollos? más/);
  });
});
