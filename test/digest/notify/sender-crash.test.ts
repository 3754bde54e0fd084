import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { Outbox } from "../../../src/digest/notify/outbox.js";
import { ChatStore } from "../../../src/digest/store/chat-store.js";
import { openDatabase } from "../../../src/digest/store/open-database.js";
import { SubscriptionStore } from "../../../src/digest/store/subscription-store.js";
import { digestMessage } from "../../helpers/delivery-world.js";

const ROOT = join(import.meta.dirname, "../../..");
const CHILD = join(ROOT, "test/helpers/crash-sender.ts");
const PLATFORM = "crash"; // the platform the child serves
const CHATS = 40;
const KILL_AFTER = 10;
const dir = mkdtempSync(join(tmpdir(), "hilo-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the sender in a child; resolves with how it ended. `onLine` sees each line it prints, with a way to kill it. */
function runSender(
  dbPath: string,
  logPath: string,
  args: string[] = [],
  onLine: (line: string, kill: () => void) => void = () => {},
) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, dbPath, logPath, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    createInterface({ input: child.stdout }).on("line", (line) => onLine(line, () => child.kill("SIGKILL")));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stderr }));
  });
}

/** A file database with one pending digest for each of CHATS chats on the child's platform; returns the keys. */
function seed(dbPath: string): string[] {
  const db = openDatabase(dbPath);
  const chats = new ChatStore(db);
  const subscriptions = new SubscriptionStore(db);
  const outbox = new Outbox(db);
  const keys: string[] = [];
  const now = Date.now();
  for (let i = 0; i < CHATS; i += 1) {
    const { id } = chats.ensure({ platform: PLATFORM, chatId: String(1000 + i) }, "es", now);
    subscriptions.subscribe(id, { digestAt: "08:00", timeZone: "America/Caracas" }, now);
    const key = `digest:${id}:2025-12-11`;
    outbox.enqueue({ key, chatRef: id, kind: "digest", message: digestMessage(key), notBefore: now });
    keys.push(key);
  }
  db.close();
  return keys;
}

/** What the platform received, as key → how many times. */
function receivedCounts(logPath: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of readFileSync(logPath, "utf8").split("\n").filter(Boolean))
    counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

function expectEachOnceAndNothingPending(dbPath: string, logPath: string, keys: string[]): void {
  const counts = receivedCounts(logPath);
  expect([...counts.keys()].sort()).toEqual([...keys].sort());
  expect([...counts].filter(([, count]) => count !== 1)).toEqual([]);
  const db = openDatabase(dbPath);
  expect(new Outbox(db).depth()).toBe(0);
  expect(db.prepare("SELECT count(*) FROM deliveries WHERE status = 'sent'").pluck().get()).toBe(keys.length);
  db.close();
}

describe("the sender killed mid fan-out", () => {
  it("delivers every chat's digest exactly once after a SIGKILL between sends and a restart", async () => {
    const dbPath = join(dir, "between.db");
    const logPath = join(dir, "between-received.log");
    writeFileSync(logPath, "");
    const keys = seed(dbPath);

    // Why this is not flaky: the child prints "sent" only after the row's `sent` commit, then waits ~50 ms
    // (20 msg/s) before its next send, and the parent kills on reading that line, within a millisecond or
    // two. The only moment a kill could cause a duplicate is between the platform's append and the `sent`
    // commit of a send, a few tens of microseconds; a kill in the wait, or between the `sending` mark and
    // the append, is resent once on restart. Reaching that window would need the parent to be ~50 ms late
    // and then land inside 0.1% of the next interval.
    let sent = 0;
    const first = await runSender(dbPath, logPath, [], (line, kill) => {
      if (line.startsWith("sent ") && ++sent === KILL_AFTER) kill();
    });
    expect(first.signal).toBe("SIGKILL");
    const beforeRestart = [...receivedCounts(logPath).keys()];
    expect(beforeRestart.length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(beforeRestart.length).toBeLessThan(CHATS);

    const second = await runSender(dbPath, logPath);
    expect(second.code, second.stderr).toBe(0);
    expectEachOnceAndNothingPending(dbPath, logPath, keys);
  });

  it("resends, once, the digest a SIGKILL caught in the middle of its send", async () => {
    const dbPath = join(dir, "during.db");
    const logPath = join(dir, "during-received.log");
    writeFileSync(logPath, "");
    const keys = seed(dbPath);

    // The child's 11th send stops before the platform gets it, so the kill lands with that row in `sending`.
    let hanging = "";
    const first = await runSender(dbPath, logPath, [String(KILL_AFTER + 1)], (line, kill) => {
      if (line.startsWith("hanging ")) {
        hanging = line.slice("hanging ".length);
        kill();
      }
    });
    expect(first.signal).toBe("SIGKILL");
    expect(receivedCounts(logPath).has(hanging)).toBe(false);

    const second = await runSender(dbPath, logPath);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`"key":"${hanging}"`);
    expectEachOnceAndNothingPending(dbPath, logPath, keys);
  });
});
