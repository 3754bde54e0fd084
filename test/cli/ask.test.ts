import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { en } from "../../src/digest/i18n/en.js";
import { es } from "../../src/digest/i18n/es.js";
import { lockDatabase, type Reply } from "../../src/digest/index.js";
import { runHilo } from "../helpers/run-hilo.js";

const dir = mkdtempSync(join(tmpdir(), "hilo-ask-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, "demo.db");
const config = loadConfig({
  HILO_DB_PATH: path,
  HILO_STORY_DIR: join(import.meta.dirname, "../../content/venezuela-2025"),
});

const QUESTION = "¿quién ofrece asilo a Maduro?";
const ask = (...args: string[]) => runHilo(["ask", ...args], config);

/** The one reply `--json` prints: exactly one line, parsed. */
function onlyReply(stdout: string): Reply {
  const lines = stdout.split("\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toBe("");
  return JSON.parse(lines[0]!) as Reply;
}

describe("hilo ask", () => {
  it("answers /actor petro with the actor's page and its developments, as one line of JSON", async () => {
    const { code, stdout, stderr } = await ask("/actor petro", "--json");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const reply = onlyReply(stdout);
    expect(reply.kind).toBe("actor");
    if (reply.kind !== "actor") return;
    expect(reply.actor.name).toBe("Gustavo Petro");
    expect(reply.actor.developments.length).toBeGreaterThan(0);
    expect(reply.actor.developments.map((line) => line.headline).join("\n")).toMatch(/asilo a Maduro/);
  });

  it("answers a question as the console does, and /ask with it the same way", async () => {
    const asked = await ask(QUESTION);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toMatch(/Bielorrusia/);
    expect(asked.stdout).not.toContain(es.notACommand);
    const question = onlyReply((await ask(QUESTION, "--json")).stdout);
    const command = onlyReply((await ask(`/ask ${QUESTION}`, "--json")).stdout);
    expect(command.kind).toBe(question.kind);
    expect(command).toEqual(question);
  });

  it("reads unquoted words as one question, and answers in the language --lang names", async () => {
    const { code, stdout } = await ask("--lang", "en", "--json", "/latest");
    expect(code).toBe(0);
    expect(onlyReply(stdout)).toMatchObject({ kind: "developments", title: en.latestTitle });
    const words = await ask("quién", "ofrece", "asilo", "a", "Maduro", "--json");
    expect(onlyReply(words.stdout)).toEqual(onlyReply((await ask("quién ofrece asilo a Maduro", "--json")).stdout));
  });

  it.each([
    ["empty", "", es.questionEmpty],
    ["only punctuation", "?!…", es.questionEmpty],
    ["4,001 characters long", "a".repeat(4001), es.questionTooLong],
  ])("answers a question that is %s politely, exit code 0, valid JSON with --json", async (_, question, text) => {
    const json = await ask(question, "--json");
    expect({ code: json.code, stderr: json.stderr }).toEqual({ code: 0, stderr: "" });
    expect(onlyReply(json.stdout)).toEqual({ kind: "error", text });
    const plain = await ask(question);
    expect(plain).toEqual({ code: 0, stdout: `${text}\n`, stderr: "" });
  });

  it("says the same in English with --lang en", async () => {
    expect(onlyReply((await ask("?", "--lang", "en", "--json")).stdout)).toEqual({
      kind: "error",
      text: en.questionEmpty,
    });
  });

  it.each([
    [["/latest", "--lang", "fr"], /--lang must be es or en, not "fr"/],
    [["/latest", "--frob"], /Unknown option '--frob'/],
    [["--json"], /hilo ask needs a command or a question, such as hilo ask "\/actor petro"/],
  ])("refuses bad options %j on stderr with the usage, exit code 2", async (args, message) => {
    const { code, stdout, stderr } = await ask(...args);
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toMatch(message);
    expect(stderr).toContain('usage: hilo ask "<command or question>" [--json] [--lang es|en]');
  });

  it("is listed in the usage", async () => {
    expect((await runHilo([], config)).stderr).toMatch(/hilo ask "<command or question>" \[--json\] \[--lang es\|en\]/);
  });

  it("names the process holding the database and exits 1, as hilo digest does", async () => {
    const lock = lockDatabase(path);
    try {
      const { code, stdout, stderr } = await ask("/latest", "--json");
      expect({ code, stdout }).toEqual({ code: 1, stdout: "" });
      expect(stderr).toContain(`the database ${path} is in use by pid ${process.pid}`);
    } finally {
      lock.release();
    }
  });
});
