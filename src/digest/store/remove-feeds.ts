import type { NewsStores } from "./news-stores.js";
import type { Db } from "./open-database.js";

/** What removing feeds took away, and the developments that lost some reports but keep others. */
export interface RemovedFeeds {
  feeds: number;
  articles: number;
  /** Developments that had only these feeds' articles: gone, with their search rows and alert decisions. */
  developmentsRemoved: number;
  /** Developments that keep articles of other feeds: their headline and summary must be drawn again. */
  developmentsChanged: number[];
}

/**
 * Deletes feeds with every article they brought, in one transaction. Developments left empty go too; messages not
 * yet sent about them are closed, so nothing from those feeds reaches a chat after this.
 */
export function removeFeeds(
  db: Db,
  news: Pick<NewsStores, "developments" | "search">,
  feedIds: readonly number[],
  now: number,
): RemovedFeeds {
  const removed: RemovedFeeds = { feeds: 0, articles: 0, developmentsRemoved: 0, developmentsChanged: [] };
  if (feedIds.length === 0) return removed;
  db.transaction(() => {
    db.exec("CREATE TEMP TABLE IF NOT EXISTS removed_feeds (id BIGINT PRIMARY KEY)");
    db.exec("DELETE FROM removed_feeds");
    const add = db.prepare("INSERT INTO removed_feeds (id) VALUES (?) ON CONFLICT DO NOTHING");
    for (const id of feedIds) add.run(id);
    // Ids of removed developments are never given again: outbox keys such as alert:<chat>:<development> name them.
    db.prepare(
      `INSERT INTO meta (key, value) SELECT 'development_id_floor', CAST(COALESCE(max(id), 0) + 1 AS TEXT) FROM developments
       WHERE true ON CONFLICT(key) DO UPDATE SET value = CASE
         WHEN CAST(meta.value AS BIGINT) > CAST(excluded.value AS BIGINT) THEN meta.value ELSE excluded.value END`,
    ).run();
    const touched = db
      .prepare("SELECT DISTINCT development_id FROM articles WHERE feed_id IN (SELECT id FROM removed_feeds)")
      .pluck()
      .all() as number[];
    // Another feed's article may be a copy of one being removed: it stays, as an original.
    db.prepare(
      `UPDATE articles SET copy_of = NULL WHERE feed_id NOT IN (SELECT id FROM removed_feeds)
       AND copy_of IN (SELECT id FROM articles WHERE feed_id IN (SELECT id FROM removed_feeds))`,
    ).run();
    // Mentions are kept by actor, with no cascade from their article: they go first, found through their development.
    db.prepare(
      `DELETE FROM actor_mentions WHERE (development_id, article_id) IN
       (SELECT development_id, id FROM articles WHERE feed_id IN (SELECT id FROM removed_feeds))`,
    ).run();
    removed.articles = db.prepare("DELETE FROM articles WHERE feed_id IN (SELECT id FROM removed_feeds)").run().changes;
    removed.feeds = db.prepare("DELETE FROM feeds WHERE id IN (SELECT id FROM removed_feeds)").run().changes;
    const hasArticles = db.prepare("SELECT 1 FROM articles WHERE development_id = ? LIMIT 1").pluck();
    for (const id of touched) {
      if (hasArticles.get(id) !== undefined) {
        // Its search chunks are written again from the reports it keeps when it is refreshed.
        news.search.removeDevelopment(id);
        news.developments.markSearched(id, { through: 0, originals: 0 });
        removed.developmentsChanged.push(id);
        continue;
      }
      db.prepare(
        `UPDATE deliveries SET status = CASE WHEN status IN ('pending', 'sending') THEN 'closed' ELSE status END,
         error = CASE WHEN status IN ('pending', 'sending') THEN 'its development was removed' ELSE error END,
         closed_at = CASE WHEN status IN ('pending', 'sending') THEN ? ELSE closed_at END,
         development_id = NULL WHERE development_id = ?`,
      ).run(now, id);
      db.prepare("DELETE FROM alert_state WHERE development_id = ?").run(id);
      db.prepare("DELETE FROM actor_mentions WHERE development_id = ?").run(id);
      news.search.removeDevelopment(id);
      db.prepare("DELETE FROM developments WHERE id = ?").run(id);
      removed.developmentsRemoved += 1;
    }
    // An actor discovered only in the removed reports was never in the news.
    db.prepare("DELETE FROM discovered_actors WHERE id NOT IN (SELECT DISTINCT actor_id FROM actor_mentions)").run();
    db.exec("DELETE FROM removed_feeds");
  })();
  return removed;
}
