import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreClusters } from "../../eval/cluster-metrics.js";
import { loadConfig } from "../../src/config.js";
import { FeedServer } from "../helpers/feed-server.js";
import { runHilo } from "../helpers/run-hilo.js";

const dir = mkdtempSync(join(tmpdir(), "hilo-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = loadConfig({
  HILO_DB_PATH: join(dir, "hilo.db"),
  HILO_STORY_DIR: join(import.meta.dirname, "../../content/venezuela-2025"),
});

const hilo = (args: string[], stdin = "", settings = config) => runHilo(args, settings, stdin);

const ARTICLES = [
  {
    id: "a",
    title: "Lukashenko says Maduro will always be welcome in Belarus",
    text: "The Belarusian leader met Venezuela's ambassador again and offered refuge.",
    published: "2025-12-09T10:00:00Z",
    publisher: "One",
  },
  {
    id: "b",
    title: "Lukashenko: Maduro siempre será bienvenido en Bielorrusia",
    text: "El presidente bielorruso recibió al embajador venezolano y ofreció refugio.",
    published: "2025-12-09T12:00:00Z",
    publisher: "Two",
  },
  {
    id: "c",
    title: "PDVSA says crude output reached 1.1 million barrels a day",
    text: "Venezuela's state oil company credited joint ventures with Chevron.",
    published: "2025-11-05T10:00:00Z",
    publisher: "Three",
  },
];

describe("hilo cluster", () => {
  it("groups JSONL articles and reports bad lines by number without stopping", async () => {
    const input = [
      JSON.stringify(ARTICLES[0]),
      "{not json",
      JSON.stringify({ id: "x" }),
      JSON.stringify(ARTICLES[1]),
      JSON.stringify(ARTICLES[2]),
    ].join("\n");
    const { code, stdout, stderr } = await hilo(["cluster"], input);
    expect(code).toBe(0);
    const out = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { id: string; development: number });
    expect(out.map((line) => line.id)).toEqual(["a", "b", "c"]);
    expect(out[0]!.development).toBe(out[1]!.development);
    expect(out[2]!.development).not.toBe(out[0]!.development);
    expect(stderr).toMatch(/line 2: not JSON/);
    expect(stderr).toMatch(/line 3: line: needs a title or a text/);
  });
});

describe("hilo cluster beside hilo eval --dataset", () => {
  it("groups each split on its own without the story's names, so its output scores what eval prints", async () => {
    const dataset = join(import.meta.dirname, "../fixtures/eval/data/ecbplus.jsonl");
    const lines = readFileSync(dataset, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { id: string; cluster: string; split: string });
    const clustered = await hilo(["cluster"], readFileSync(dataset, "utf8"));
    const predicted = new Map(
      clustered.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { id: string; development: string })
        .map((row) => [row.id, row.development]),
    );
    const evaluated = await hilo(["eval", "--dataset", dataset]);
    for (const part of ["test", "train+dev"]) {
      const inPart = lines.filter((line) => (part === "test" ? line.split === "test" : line.split !== "test"));
      const scores = scoreClusters(new Map(inPart.map((line) => [line.id, line.cluster])), predicted);
      const row = evaluated.stdout.split("\n").find((line) => line.startsWith(`| ${part} |`))!;
      expect(row.split("|")[7]!.trim()).toBe(scores.bcubed.f1.toFixed(3));
      expect(inPart.every((line) => predicted.get(line.id)!.startsWith(`${part}:`))).toBe(true);
    }
  });
});

describe("hilo eval", () => {
  it("prints pairwise and B-cubed scores against the cluster field", async () => {
    const path = join(dir, "gold.jsonl");
    writeFileSync(
      path,
      ARTICLES.map((a, i) => JSON.stringify({ ...a, cluster: i < 2 ? "belarus" : "oil" })).join("\n"),
    );
    const { code, stdout } = await hilo(["eval", "--dataset", path]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\| all \| 3 \| 2 \| 2 \| 1\.000 \| 1\.000 \| 1\.000 \| 1\.000 \| 1\.000 \| 1\.000 \|/);
  });

  it("says which dataset file it could not read and exits non-zero", async () => {
    const { code, stderr } = await hilo(["eval", "--dataset", join(dir, "absent.jsonl")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot read the dataset .*absent\.jsonl/);
  });

  it("scores the bundled demo corpus: developments, distractors and actors", async () => {
    const { code, stdout } = await hilo(["eval", "--demo"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/distractors merged with another development: none/);
    expect(stdout).toMatch(/petróleo→Petro false links: 0/);
  });
});

describe("hilo digest and ingest", () => {
  it("prints the digest as JSON for scripts", async () => {
    const { code, stdout } = await hilo(["digest", "--since", "48h", "--lang", "en", "--json"]);
    expect(code).toBe(0);
    const reply = JSON.parse(stdout);
    expect(reply.kind).toBe("digest");
    expect(reply.digest.items.length).toBeGreaterThan(0);
  });

  it("rejects a language it does not speak", async () => {
    const { code, stderr } = await hilo(["digest", "--lang", "fr"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--lang must be es or en/);
  });

  it("reports a feed file it cannot read and one it cannot parse, and exits non-zero", async () => {
    const broken = join(dir, "broken.xml");
    writeFileSync(broken, "<rss><channel><item><title>cut");
    const { code, stdout, stderr } = await hilo(["ingest", join(dir, "nope.xml"), broken]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/nope\.xml: cannot read it/);
    expect(stdout).toMatch(/broken\.xml: failed: parse/);
  });

  it("shows usage for an unknown subcommand", async () => {
    const { code, stderr } = await hilo(["frob"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command "frob"[\s\S]*usage:/);
  });
});

describe("hilo ingest URL", () => {
  const STORY = join(import.meta.dirname, "../../content/venezuela-2025");
  const GOOD = join(import.meta.dirname, "../fixtures/feeds/rss2-utf8.xml");
  let feeds: FeedServer;
  beforeAll(async () => {
    feeds = await FeedServer.start();
  });
  afterAll(async () => {
    await feeds.close();
  });

  /** A config with a database of its own that allows the test server's address and port, as a local proxy would be. */
  function allowingTheServer(name: string) {
    const path = join(dir, `${name}.db`);
    const settings = loadConfig({
      HILO_DB_PATH: path,
      HILO_STORY_DIR: STORY,
      HILO_ALLOW_PRIVATE_FEEDS: `127.0.0.1:${new URL(feeds.url("/")).port}`,
    });
    return { settings, path };
  }

  /** The feeds that have rows in the database, and how many articles each brought. */
  function stored(path: string): Record<string, number> {
    const db = new Database(path, { readonly: true });
    try {
      const rows = db
        .prepare(
          "SELECT feeds.url AS url, COUNT(articles.id) AS n FROM feeds LEFT JOIN articles ON articles.feed_id = feeds.id GROUP BY feeds.url",
        )
        .all() as { url: string; n: number }[];
      return Object.fromEntries(rows.map((row) => [row.url, row.n]));
    } finally {
      db.close();
    }
  }

  it("refuses a gzip bomb and a 50 MB body as too large, stores nothing from them, and still ingests the file beside them", async () => {
    // About 6 KB on the wire that inflate to 6 MB, past the 5 MB cap.
    feeds.serve("/bomb.xml", { kind: "oversized", bytes: 6_000_000, gzip: true });
    feeds.serve("/huge.xml", { kind: "oversized", bytes: 50_000_000 });
    const { settings, path } = allowingTheServer("too-large");

    const { code, stdout } = await hilo(["ingest", feeds.url("/bomb.xml"), GOOD, feeds.url("/huge.xml")], "", settings);

    expect(code).toBe(1);
    expect(stdout).toContain(`${feeds.url("/bomb.xml")}: failed: too-large: `);
    expect(stdout).toContain(`${feeds.url("/huge.xml")}: failed: too-large: `);
    expect(stdout).toMatch(/5242880-byte cap/);
    expect(stdout).toMatch(/rss2-utf8\.xml: \d+ items, \d+ new/);
    const rows = stored(path);
    expect(Object.keys(rows)).toEqual([GOOD]);
    expect(rows[GOOD]).toBeGreaterThan(0);
  });

  it("fetches a URL as the poller does, naming the bot in the User-Agent", async () => {
    feeds.serve("/good.xml", { kind: "feed", body: readFileSync(GOOD) });
    const { settings, path } = allowingTheServer("good-url");
    const { code, stdout } = await hilo(["ingest", feeds.url("/good.xml")], "", settings);
    expect(code).toBe(0);
    expect(stdout).toMatch(/good\.xml: \d+ items, \d+ new/);
    expect(feeds.requestsTo("/good.xml")[0]!.headers["user-agent"]).toMatch(/^HiloBot\/\d/);
    expect(stored(path)[feeds.url("/good.xml")]).toBeGreaterThan(0);
  });

  it("refuses a URL on a loopback address unless HILO_ALLOW_PRIVATE_FEEDS allows it", async () => {
    feeds.serve("/private.xml", { kind: "feed", body: readFileSync(GOOD) });
    const { code, stdout } = await hilo(["ingest", feeds.url("/private.xml")]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /private\.xml: failed: blocked-address: .*127\.0\.0\.1 is loopback .*HILO_ALLOW_PRIVATE_FEEDS=127\.0\.0\.1:\d+/,
    );
    expect(feeds.requestsTo("/private.xml")).toHaveLength(0);
  });
});
