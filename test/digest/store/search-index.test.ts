import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { type Article, loadStoryPack, Pipeline, silentLogger } from "../../../src/digest/index.js";
import { MIGRATIONS } from "../../../src/digest/store/migrations.js";
import { applyMigrations } from "../../../src/digest/store/open-database.js";
import { searchQuery } from "../../../src/digest/summaries/search-query.js";
import { STORY_DIR } from "../../helpers/demo-hilo.js";
import { onPostgres, openTestDatabase } from "../../helpers/test-database.js";

const pack = loadStoryPack(STORY_DIR);
const T0 = Date.parse("2025-12-01T00:00:00Z");
const MINUTE = 60_000;

/** A pipeline whose development 1 gets reports filed one by one, refreshed after each, as polls file them. */
function growingDevelopment(db = openTestDatabase()) {
  const pipeline = new Pipeline(db, pack, silentLogger);
  const feedIds = [0, 1].map((i) =>
    pipeline.feeds.ensure({ url: `https://o${i}.example/rss`, publisher: `Outlet ${i}` }),
  );
  pipeline.developments.ensure(1, T0);
  let n = 0;
  const file = (text: string, options: { copyOf?: string; feed?: number } = {}) => {
    const id = `r${n}`;
    const feed = options.feed ?? n % 2;
    const article: Article = {
      id,
      feedUrl: `https://o${feed}.example/rss`,
      publisher: `Outlet ${feed}`,
      url: `https://o${feed}.example/${n}`,
      title: `Informe número ${n} sobre la crisis`,
      text,
      lang: "es",
      publishedAt: T0 + n * MINUTE,
      developmentId: 1,
      copyOf: options.copyOf ?? null,
      actorIds: [],
      relevance: 1,
    };
    n += 1;
    pipeline.articles.insert(article, feedIds[feed]!, T0);
    pipeline.refresh(1, T0 + n * MINUTE);
    return id;
  };
  const found = (words: string) =>
    pipeline.search.search(searchQuery(words, pack).units, 5).map((hit) => hit.development.id);
  // The index keeps no text of its own: each row's terms are read back from the index itself.
  // (PostgreSQL keeps each row's terms beside its tokens.)
  if (!onPostgres())
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.chunk_terms USING fts5vocab(main, search_chunks, instance)");
  const rows = () =>
    db
      .prepare(
        onPostgres()
          ? "SELECT rowid, terms FROM search_chunks ORDER BY rowid"
          : `SELECT doc AS rowid, group_concat(term, ' ') AS terms
             FROM (SELECT doc, term FROM chunk_terms ORDER BY doc, "offset") GROUP BY doc ORDER BY doc`,
      )
      .all() as { rowid: number; terms: string }[];
  return { pipeline, db, file, found, rows };
}

describe("the search index", () => {
  it("still finds a development by a word only its first report used, a hundred reports later", () => {
    const { file, found } = growingDevelopment();
    file("Los pescadores de Güiria denunciaron la maniobra naval frente a la costa.");
    for (let i = 0; i < 100; i += 1) file("La cancillería repitió su postura sobre la crisis en una nota.");
    expect(found("pescadores")).toEqual([1]);
  });

  it("finds a development whose words are in different reports, as when it was one row", () => {
    const { file, found } = growingDevelopment();
    file("Los pescadores de Güiria denunciaron la maniobra naval frente a la costa.");
    for (let i = 0; i < 10; i += 1) file("La cancillería repitió su postura sobre la crisis en una nota.");
    file("Un portaviones cruzó el estrecho al amanecer según testigos.");
    expect(found("pescadores portaviones")).toEqual([1]);
    expect(found("pescadores submarino")).toEqual([]);
  });

  it("writes a new report into one small row, leaving the rows of earlier reports as they were", () => {
    const { file, rows } = growingDevelopment();
    for (let i = 0; i < 9; i += 1) file(`La cancillería publicó la nota número ${i} sobre la crisis.`);
    const before = rows();
    // Nine originals in chunks of four: rows for reports 1–4, 5–8 and 9.
    expect(before).toHaveLength(3);
    file("Un portaviones cruzó el estrecho al amanecer según testigos.");
    const after = rows();
    expect(after).toHaveLength(3);
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after[2]!.terms).toContain("portavion");
    expect(after[2]!.terms.length).toBeGreaterThan(before[2]!.terms.length);
  });

  it("leaves copies out, as the summary does", () => {
    const { file, found, rows } = growingDevelopment();
    const original = file("La cancillería publicó una nota sobre la crisis.");
    file("La cancillería publicó una nota sobre la crisis y los pescadores.", { copyOf: original });
    expect(rows()).toHaveLength(1);
    expect(found("pescadores")).toEqual([]);
  });

  it("forgets the words of removed feeds' reports and keeps the others'", () => {
    const { pipeline, file, found } = growingDevelopment();
    for (let i = 0; i < 6; i += 1) file(`La cancillería publicó la nota número ${i} sobre la crisis.`, { feed: 0 });
    file("Los pescadores de Güiria denunciaron la maniobra naval frente a la costa.", { feed: 1 });
    file("Un portaviones cruzó el estrecho al amanecer según testigos.", { feed: 0 });
    expect(found("pescadores")).toEqual([1]);
    pipeline.removeFeeds([pipeline.feeds.ensure({ url: "https://o1.example/rss", publisher: "Outlet 1" })], T0);
    expect(found("pescadores")).toEqual([]);
    expect(found("portaviones")).toEqual([1]);
    expect(found("cancillería")).toEqual([1]);
  });

  it("keeps a development's terms indexed whole by an older Hilo, and goes on from them", () => {
    const db = new Database(":memory:");
    applyMigrations(
      db,
      MIGRATIONS.filter((migration) => migration.version <= 11),
    );
    db.prepare("INSERT INTO feeds (id, url, publisher) VALUES (1, 'https://o0.example/rss', 'Outlet 0')").run();
    db.prepare("INSERT INTO developments (id, first_seen, last_seen, updated_at) VALUES (1, ?, ?, ?)").run(T0, T0, T0);
    db.prepare(
      `INSERT INTO articles (id, feed_id, development_id, title, text, lang, published_at, ingested_at)
       VALUES ('old', 1, 1, 'Pescadores', 'Los pescadores denunciaron la maniobra.', 'es', ?, ?)`,
    ).run(T0, T0);
    // As the old refresh wrote it: the development's stems in one row, its rowid the development's id.
    db.prepare("INSERT INTO development_search (rowid, terms) VALUES (1, 'pescador denunci maniobr')").run();
    applyMigrations(db, MIGRATIONS);
    const { file, found, rows } = growingDevelopment(db);
    expect(found("pescadores")).toEqual([1]);
    file("Un portaviones cruzó el estrecho al amanecer según testigos.");
    expect(found("pescadores portaviones")).toEqual([1]);
    // The old row, and one chunk that holds the old report again with the new one.
    expect(rows()).toHaveLength(2);
  });
});
