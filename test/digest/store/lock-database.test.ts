import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { DatabaseInUseError } from "../../../src/digest/errors.js";
import { type DatabaseLock, lockDatabase } from "../../../src/digest/store/lock-database.js";
import { runHilo } from "../../helpers/run-hilo.js";

const ROOT = join(import.meta.dirname, "../../..");
const FIXTURE = "test/fixtures/hold-database-lock.ts";
const dir = mkdtempSync(join(tmpdir(), "hilo-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Bounds every wait on a child, so a lock that never comes fails the test instead of hanging it.
const WAIT_MS = 15_000;

const children: ChildProcess[] = [];
const locks: DatabaseLock[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const lock of locks.splice(0)) lock.release();
});

let fresh = 0;
function freshPath(): string {
  fresh += 1;
  return join(dir, `case-${fresh}`, "hilo.db");
}

/** One holder process: its output so far, a wait for a line on stdout, and its exit. */
function holder(dbPath: string, mode?: "--on-go") {
  const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, dbPath, ...(mode ? [mode] : [])], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    /** Its exit code, or a failure if it is still running after WAIT_MS. */
    exit(): Promise<number | null> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`still running after ${WAIT_MS} ms:\n${stdout}${stderr}`)),
          WAIT_MS,
        );
        void exited.then((code) => (clearTimeout(timer), resolve(code)));
      });
    },
    get stderr() {
      return stderr;
    },
    /** Resolves with the first of `lines` the child prints, or with "exited" if it ends first. */
    firstOf(...lines: string[]): Promise<string> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${lines.join("|")}:\n${stdout}${stderr}`)),
          WAIT_MS,
        );
        const check = () => {
          const seen = stdout.split("\n").find((line) => lines.includes(line));
          if (seen === undefined) return;
          clearTimeout(timer);
          child.stdout!.off("data", check);
          resolve(seen);
        };
        child.stdout!.on("data", check);
        void exited.then(() => {
          check();
          clearTimeout(timer);
          resolve("exited");
        });
        check();
      });
    },
  };
}

describe("one writer per database file", () => {
  it("refuses a second process, naming the file and the first one's pid, and lets the next in once the first is killed", async () => {
    const path = freshPath();
    const first = holder(path);
    expect(await first.firstOf("locked")).toBe("locked");

    const second = holder(path);
    expect(await second.exit()).toBe(1);
    expect(second.stderr).toContain(
      `DatabaseInUseError: the database ${path} is in use by pid ${first.child.pid} on ${hostname()}`,
    );
    expect(second.stderr).toMatch(/stop it first, or set HILO_DB_PATH to another file/);

    // SIGKILL gives the process no chance to clean up: the OS drops the lock with it.
    first.child.kill("SIGKILL");
    await first.exit();
    const third = holder(path);
    expect(await third.firstOf("locked")).toBe("locked");
    third.child.stdin!.end();
    expect(await third.firstOf("released")).toBe("released");
    expect(await third.exit()).toBe(0);
  });

  it("gives the lock to exactly one of two processes started at the same moment on a new file, and a clean refusal to the other", async () => {
    for (let round = 0; round < 4; round += 1) {
      const path = freshPath();
      const pair = [holder(path, "--on-go"), holder(path, "--on-go")];
      await Promise.all(pair.map((one) => one.firstOf("ready")));
      for (const one of pair) one.child.stdin!.write("go\n");
      const outcomes = await Promise.all(pair.map((one) => one.firstOf("locked", "exited")));
      expect([...outcomes].sort()).toEqual(["exited", "locked"]);
      const refused = pair[outcomes.indexOf("exited")]!;
      const winner = pair[outcomes.indexOf("locked")]!;
      expect(await refused.exit()).toBe(1);
      expect(refused.stderr).toMatch(
        new RegExp(`^DatabaseInUseError: the database ${escapeRegExp(path)} is in use by `),
      );
      expect(refused.stderr).not.toMatch(/SQLITE|UNIQUE|\n\s+at /);
      winner.child.stdin!.end();
      expect(await winner.exit()).toBe(0);
    }
  }, 60_000);

  it("refuses a second lock within the same process too", () => {
    const path = freshPath();
    locks.push(lockDatabase(path));
    expect(() => lockDatabase(path, { setBy: "HILO_DB_PATH" })).toThrow(DatabaseInUseError);
    expect(() => lockDatabase(path)).toThrow(`the database ${path} is in use by pid ${process.pid} on ${hostname()}`);
  });

  it("lets the next holder in after release, and removes the owner file", () => {
    const path = freshPath();
    const lock = lockDatabase(path);
    expect(JSON.parse(readFileSync(`${path}.owner.json`, "utf8"))).toMatchObject({
      pid: process.pid,
      host: hostname(),
    });
    lock.release();
    expect(existsSync(`${path}.owner.json`)).toBe(false);
    locks.push(lockDatabase(path));
  });

  it("says 'another process' when the owner file names a process of this machine that is gone", async () => {
    const path = freshPath();
    const first = holder(path);
    await first.firstOf("locked");
    // What a SIGKILLed holder leaves behind, read before the new holder has written its own.
    const gone = { pid: 2 ** 22 + 1, host: hostname(), command: "node src/main.ts", since: "2025-12-01T00:00:00.000Z" };
    writeFileSync(`${path}.owner.json`, JSON.stringify(gone));
    expect(() => lockDatabase(path)).toThrow(
      `the database ${path} is in use by another process: only one Hilo may write to it`,
    );
  });

  it("refuses hilo ingest and hilo digest while the bot holds the database, with its message and exit code 1", async () => {
    const path = freshPath();
    locks.push(lockDatabase(path));
    const config = loadConfig({ HILO_DB_PATH: path, HILO_STORY_DIR: join(ROOT, "content/venezuela-2025") });
    for (const args of [["ingest", join(ROOT, "test/fixtures/feeds/rss2-utf8.xml")], ["digest"]]) {
      const { code, stdout, stderr } = await runHilo(args, config);
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toBe(`${new DatabaseInUseError(path, readOwner(path), "HILO_DB_PATH").message}\n`);
    }
  });

  it("never locks an in-memory database", () => {
    const one = lockDatabase(":memory:");
    const two = lockDatabase(":memory:");
    expect(existsSync(":memory:.lock")).toBe(false);
    one.release();
    two.release();
  });
});

function readOwner(path: string) {
  return JSON.parse(readFileSync(`${path}.owner.json`, "utf8")) as {
    pid: number;
    host: string;
    command: string;
    since: string;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
