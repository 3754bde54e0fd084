import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { PostgresDatabase } from "../../src/digest/store/postgres/postgres-database.js";
import { newDatabase } from "../helpers/replica-deployment.js";
import { runHilo } from "../helpers/run-hilo.js";

const server = inject("postgresUrl") as string;
const STORY = fileURLToPath(new URL("../fixtures/eval/data/story-venezuela-2025", import.meta.url));
const STORY_DIR = fileURLToPath(new URL("../../content/venezuela-2025", import.meta.url));

/** The same `hilo eval` run on SQLite and with HILO_DATABASE_URL, each exit code and report. */
async function onBothEngines(args: string[], database: string) {
  const sqlite = await runHilo(args, loadConfig({ HILO_STORY_DIR: STORY_DIR }));
  const url = newDatabase(server, database);
  const postgres = await runHilo(args, loadConfig({ HILO_STORY_DIR: STORY_DIR, HILO_DATABASE_URL: url }));
  return { sqlite, postgres, url };
}

describe("hilo eval on PostgreSQL", () => {
  it("scores the demo corpus figure for figure as on SQLite", async () => {
    const { sqlite, postgres } = await onBothEngines(["eval", "--demo"], `eval_demo_${process.pid}`);
    expect([sqlite.code, postgres.code]).toEqual([0, 0]);
    expect(sqlite.stdout).toMatch(/\| demo \|/);
    expect(postgres.stdout).toBe(sqlite.stdout);
  }, 180_000);

  it("replays a labelled story and scores it as on SQLite (developments, actors, commands, alerts), leaving no schema behind", async () => {
    const { sqlite, postgres, url } = await onBothEngines(["eval", "--story", STORY], `eval_story_${process.pid}`);
    expect([sqlite.code, postgres.code]).toEqual([0, 0]);
    expect(sqlite.stdout).toContain("articles: 5 of 5 labelled items found");
    expect(postgres.stdout).toBe(sqlite.stdout);
    const db = PostgresDatabase.connect(url);
    try {
      const schemas = db.prepare("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'hilo_eval_%'").pluck().get();
      expect(schemas).toBe(0);
      // It did file into PostgreSQL: the rows came and went with the eval's schema (the server counts them).
      const inserted = db
        .prepare("SELECT tup_inserted FROM pg_stat_database WHERE datname = current_database()")
        .pluck()
        .get();
      expect(inserted).toBeGreaterThan(100);
    } finally {
      db.close();
    }
  }, 180_000);
});
