import { afterAll, describe, expect, inject, it } from "vitest";
import { PostgresDatabase } from "../../src/digest/store/postgres/postgres-database.js";
import { startBot, watchStream } from "../helpers/bot-process.js";

const server = inject("postgresUrl") as string;
let databases = 0;
const admin = PostgresDatabase.connect(server);
afterAll(() => admin.close());

/** A new, empty database on the suite's server, as an operator would give Hilo, with a password in its URL. */
function newDatabaseUrl(): string {
  const name = `bot_${process.pid}_${++databases}`;
  admin.exec(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  // The tests' server trusts local connections and ignores it; it must never be printed all the same.
  url.password = "s3cret-pw";
  return url.toString();
}

describe("npm start with HILO_DATABASE_URL", () => {
  it("runs the console demo bot on PostgreSQL: the digest, then /search answers from PostgreSQL's tables", async () => {
    const url = newDatabaseUrl();
    const { child, exited, stderr } = startBot(
      { HILO_DATABASE_URL: url, HILO_DB_PATH: "/nonexistent/never.db" },
      "pipe",
    );
    const out = watchStream(child, "stdout");
    try {
      await out.waitFor(/\S/);
      child.stdin!.write("/search asilo\n");
      await out.waitFor(/asilo/i);
      child.stdin!.end();
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
    expect(stderr.text).not.toContain("s3cret-pw");
    const db = PostgresDatabase.connect(url);
    try {
      const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
      expect(count("articles")).toBeGreaterThan(20);
      expect(count("developments")).toBeGreaterThan(5);
      expect(count("search_chunks")).toBeGreaterThan(5);
    } finally {
      db.close();
    }
  }, 120_000);

  it("starts a second bot on the same database, which answers from what the first filed", async () => {
    const url = newDatabaseUrl();
    const first = startBot({ HILO_DATABASE_URL: url }, "pipe");
    const firstOut = watchStream(first.child, "stdout");
    try {
      await firstOut.waitFor(/\S/);
      const second = startBot({ HILO_DATABASE_URL: url }, "pipe");
      const secondOut = watchStream(second.child, "stdout");
      await secondOut.waitFor(/\S/);
      // It filed nothing (the first one had), and answers from what the first filed.
      expect(first.stderr.text).toContain("demo corpus ingested");
      expect(second.stderr.text).not.toContain("demo corpus ingested");
      second.child.stdin!.write("/search asilo\n");
      await secondOut.waitFor(/asilo/i);
      second.child.stdin!.end();
      expect(await second.exited).toBe(0);
      expect(second.stderr.text).not.toContain("s3cret-pw");
    } finally {
      first.child.kill("SIGKILL");
    }
    await first.exited;
    // Killed with SIGKILL, the first left nothing behind that holds the next start up.
    const third = startBot({ HILO_DATABASE_URL: url }, "pipe");
    const thirdOut = watchStream(third.child, "stdout");
    try {
      await thirdOut.waitFor(/\S/);
      third.child.stdin!.end();
      expect(await third.exited).toBe(0);
    } finally {
      third.child.kill("SIGKILL");
    }
  }, 120_000);
});
