/** One forward-only schema change; versions are applied in order and recorded in schema_migrations. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "feeds, articles, developments, actors, chats, deliveries",
    sql: `
      CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        publisher TEXT NOT NULL,
        lang TEXT,
        trusted INTEGER NOT NULL DEFAULT 0,
        title TEXT,
        etag TEXT,
        last_modified TEXT,
        last_success_at INTEGER,
        last_error TEXT,
        last_error_at INTEGER,
        failures INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'active',
        item_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE developments (
        id INTEGER PRIMARY KEY,
        headline_es TEXT,
        headline_en TEXT,
        summary_es TEXT,
        summary_en TEXT,
        actor_ids TEXT NOT NULL DEFAULT '[]',
        publishers TEXT NOT NULL DEFAULT '[]',
        article_count INTEGER NOT NULL DEFAULT 0,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX developments_last_seen ON developments(last_seen);
      CREATE INDEX developments_first_seen ON developments(first_seen);
      CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        feed_id INTEGER NOT NULL REFERENCES feeds(id),
        development_id INTEGER NOT NULL REFERENCES developments(id),
        url TEXT,
        title TEXT NOT NULL,
        text TEXT NOT NULL,
        lang TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        ingested_at INTEGER NOT NULL,
        copy_of TEXT REFERENCES articles(id)
      );
      CREATE INDEX articles_development ON articles(development_id, published_at);
      CREATE INDEX articles_published ON articles(published_at);
      CREATE TABLE actor_mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL,
        development_id INTEGER NOT NULL REFERENCES developments(id),
        published_at INTEGER NOT NULL,
        PRIMARY KEY (article_id, actor_id)
      );
      CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id, published_at);
      CREATE INDEX actor_mentions_development ON actor_mentions(development_id, actor_id);
      CREATE TABLE term_stats (
        term TEXT PRIMARY KEY,
        df INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE VIRTUAL TABLE development_search USING fts5(terms, tokenize = 'unicode61 remove_diacritics 2');
      CREATE TABLE chats (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        chat_id TEXT NOT NULL,
        thread_id TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'private',
        lang TEXT NOT NULL DEFAULT 'es',
        last_digest_at INTEGER,
        created_at INTEGER NOT NULL,
        UNIQUE (platform, chat_id, thread_id)
      );
      CREATE TABLE subscriptions (
        chat_ref INTEGER PRIMARY KEY REFERENCES chats(id) ON DELETE CASCADE,
        digest_at TEXT NOT NULL DEFAULT '08:00',
        time_zone TEXT NOT NULL DEFAULT 'America/Caracas',
        alerts INTEGER NOT NULL DEFAULT 1,
        quiet_from TEXT,
        quiet_to TEXT,
        alert_budget INTEGER NOT NULL DEFAULT 5,
        active INTEGER NOT NULL DEFAULT 1,
        inactive_reason TEXT
      );
      CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        chat_ref INTEGER NOT NULL REFERENCES chats(id),
        kind TEXT NOT NULL,
        development_id INTEGER REFERENCES developments(id),
        payload TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        platform_message_id TEXT,
        error TEXT,
        created_at INTEGER NOT NULL,
        sent_at INTEGER
      );
      CREATE INDEX deliveries_pending ON deliveries(status, next_attempt_at);
    `,
  },
  {
    version: 2,
    name: "feed polling state",
    // url stays the feed's identity (article ids hash it); fetch_url is where a permanent redirect moved it.
    // next_poll_at NULL = a feed read from files, never polled; 0 = polled, due at once.
    sql: `
      ALTER TABLE feeds ADD COLUMN fetch_url TEXT;
      ALTER TABLE feeds ADD COLUMN next_poll_at INTEGER;
      ALTER TABLE feeds ADD COLUMN interval_minutes INTEGER;
      ALTER TABLE feeds ADD COLUMN ttl_minutes INTEGER;
      ALTER TABLE feeds ADD COLUMN failing_since INTEGER;
      ALTER TABLE feeds ADD COLUMN disabled_at INTEGER;
      ALTER TABLE feeds ADD COLUMN last_status INTEGER;
      CREATE INDEX feeds_next_poll ON feeds(next_poll_at);
    `,
  },
  {
    version: 3,
    name: "delivery outbox",
    // reply_to_key: the delivery an update follows; last_attempt_at: when the latest send started;
    // closed_at: when a row was given up (chat gone, attempts exhausted, corrupt payload).
    sql: `
      ALTER TABLE deliveries ADD COLUMN reply_to_key TEXT;
      ALTER TABLE deliveries ADD COLUMN last_attempt_at INTEGER;
      ALTER TABLE deliveries ADD COLUMN closed_at INTEGER;
      CREATE INDEX deliveries_chat ON deliveries(chat_ref, status);
    `,
  },
  {
    version: 4,
    name: "subscription times, development concepts, alert decisions",
    sql: `
      ALTER TABLE subscriptions ADD COLUMN subscribed_at INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE developments ADD COLUMN concept_ids TEXT NOT NULL DEFAULT '[]';
      CREATE TABLE alert_state (
        chat_ref INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
        development_id INTEGER NOT NULL REFERENCES developments(id),
        decision TEXT NOT NULL,
        alert_key TEXT,
        version INTEGER NOT NULL DEFAULT 0,
        facts TEXT NOT NULL DEFAULT '{}',
        decided_at INTEGER NOT NULL,
        PRIMARY KEY (chat_ref, development_id)
      );
    `,
  },
  {
    version: 5,
    name: "remember the introduction a group got",
    sql: `ALTER TABLE chats ADD COLUMN introduced_at INTEGER;`,
  },
  {
    version: 6,
    name: "a one-row table the health check writes to",
    // /healthz proves the database takes writes by committing to this row; no other code reads it.
    sql: `CREATE TABLE health_probe (id INTEGER PRIMARY KEY CHECK (id = 1), written_at INTEGER NOT NULL);`,
  },
  {
    version: 7,
    name: "demo feeds marked, feeds being read, quarantine",
    // demo: the feed is a bundled fictional demo file, never shown in live chats.
    // processing_since: set while the feed's document is read and filed, cleared after; one found set at start
    // means the process died reading it, and the feed is quarantined (state 'quarantined') and retried alone.
    sql: `
      ALTER TABLE feeds ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE feeds ADD COLUMN processing_since INTEGER;
    `,
  },
  {
    version: 8,
    name: "how much each article and development belongs to the story",
    // 1 = on the story: articles and developments filed before relevance existed stay where they were.
    sql: `
      ALTER TABLE articles ADD COLUMN relevance REAL NOT NULL DEFAULT 1;
      ALTER TABLE developments ADD COLUMN relevance REAL NOT NULL DEFAULT 1;
      CREATE INDEX developments_relevance ON developments(relevance, last_seen);
    `,
  },
  {
    version: 9,
    name: "names outside the registry, and the actors discovered from them",
    // last_word lets a lone surname meet the full names that end in it.
    sql: `
      CREATE TABLE name_mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        form TEXT NOT NULL,
        last_word TEXT NOT NULL,
        person_hint INTEGER NOT NULL DEFAULT 0,
        initial INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX name_mentions_last_word ON name_mentions(last_word);
      CREATE INDEX name_mentions_key ON name_mentions(key);
      CREATE INDEX name_mentions_article ON name_mentions(article_id);
      CREATE TABLE discovered_actors (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        forms TEXT NOT NULL,
        keys TEXT NOT NULL,
        articles INTEGER NOT NULL,
        publishers INTEGER NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL
      );
    `,
  },
  {
    version: 10,
    name: "updates held to be merged, and counted per day",
    // pending_since: when new facts were first noticed (an update waits so later ones join it);
    // update_times: JSON list of when updates were sent, for the daily cap.
    sql: `
      ALTER TABLE alert_state ADD COLUMN pending_since INTEGER;
      ALTER TABLE alert_state ADD COLUMN update_times TEXT NOT NULL DEFAULT '[]';
    `,
  },
  {
    version: 11,
    name: "feed failures as reason and detail",
    // Errors were stored as "reason: detail" text; each part gets its column, so nothing reads it back by regex.
    sql: `
      ALTER TABLE feeds ADD COLUMN last_error_reason TEXT;
      ALTER TABLE feeds ADD COLUMN last_error_detail TEXT;
      UPDATE feeds SET
        last_error_reason = CASE WHEN instr(last_error, ': ') > 0 THEN substr(last_error, 1, instr(last_error, ': ') - 1) ELSE 'processing' END,
        last_error_detail = CASE WHEN instr(last_error, ': ') > 0 THEN substr(last_error, instr(last_error, ': ') + 2) ELSE last_error END
      WHERE last_error IS NOT NULL;
      -- "feed URL: timeout: no answer" (the error's own message) keeps only what follows its reason.
      UPDATE feeds SET
        last_error_detail = substr(last_error_detail, instr(last_error_detail, ': ' || last_error_reason || ': ') + length(last_error_reason) + 4)
      WHERE last_error_detail LIKE 'feed %' AND instr(last_error_detail, ': ' || last_error_reason || ': ') > 0;
      ALTER TABLE feeds DROP COLUMN last_error;
    `,
  },
  {
    version: 12,
    name: "search terms in chunks of a few reports",
    // A development's terms were one row, rewritten whole (its newest 60 reports) whenever a report joined it. They
    // are now rows of a few reports each (rowid = development × 65,536 + chunk); the old row is kept as the last
    // chunk, so nothing already found goes missing; searched_through (the last original indexed, in filing order) and
    // searched_originals (how many) mark where new reports go on. The terms themselves are not kept (contentless), so
    // rewriting a chunk does not read its old terms again to take them out.
    sql: `
      CREATE VIRTUAL TABLE search_chunks USING fts5(
        terms, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO search_chunks (rowid, terms) SELECT rowid * 65536 + 65535, terms FROM development_search;
      DROP TABLE development_search;
      CREATE INDEX articles_originals ON articles(development_id) WHERE copy_of IS NULL;
      ALTER TABLE developments ADD COLUMN searched_through INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE developments ADD COLUMN searched_originals INTEGER NOT NULL DEFAULT 0;
      UPDATE developments SET
        searched_through = coalesce((SELECT max(rowid) FROM articles
          WHERE articles.development_id = developments.id AND copy_of IS NULL), 0),
        searched_originals = (SELECT count(*) FROM articles
          WHERE articles.development_id = developments.id AND copy_of IS NULL);
    `,
  },
  {
    version: 13,
    name: "an actor's mentions read from the index alone",
    // /actor and /timeline read an actor's newest mentions for their developments: with development_id in the index
    // each mention no longer reads its table row, a random page on a large archive.
    sql: `
      CREATE INDEX actor_mentions_by_actor ON actor_mentions(actor_id, published_at, development_id);
      DROP INDEX actor_mentions_actor;
    `,
  },
  {
    version: 14,
    name: "names read back by time",
    // Discovery counts the names of the last 30 days that end in a word; it read every mention of that word ever
    // written and dropped the old ones after joining each to its article, which on a 1M archive held the heap full
    // and took seconds a batch. The mention's time, and an index by word and time, keep it to the window.
    sql: `
      ALTER TABLE name_mentions ADD COLUMN published_at INTEGER NOT NULL DEFAULT 0;
      UPDATE name_mentions SET published_at =
        coalesce((SELECT published_at FROM articles WHERE articles.id = name_mentions.article_id), 0);
      CREATE INDEX name_mentions_recent ON name_mentions(last_word, published_at);
      DROP INDEX name_mentions_last_word;
      CREATE INDEX name_mentions_key_recent ON name_mentions(key, published_at);
      DROP INDEX name_mentions_key;
    `,
  },
  {
    version: 15,
    name: "actor mentions kept in the order they are read",
    // Keyed by (article id, actor), a hash, each new mention went to a random page of the key's index: about two
    // pages rewritten per article, in the WAL and again at the checkpoint (the most written pages on a large archive).
    // Keyed by actor and time, the table is the index /actor and /timeline read (newest mentions of an actor) and a
    // poll's mentions land on the last page of each actor's run. An article's mentions are found through its
    // development; removing a feed deletes its reports' mentions itself (there is no cascade from the article).
    sql: `
      CREATE TABLE actor_mentions_by_time (
        actor_id TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        development_id INTEGER NOT NULL REFERENCES developments(id),
        PRIMARY KEY (actor_id, published_at, article_id)
      ) WITHOUT ROWID;
      INSERT INTO actor_mentions_by_time (actor_id, published_at, article_id, development_id)
        SELECT actor_id, published_at, article_id, development_id FROM actor_mentions;
      DROP TABLE actor_mentions;
      ALTER TABLE actor_mentions_by_time RENAME TO actor_mentions;
      CREATE INDEX actor_mentions_development ON actor_mentions(development_id, article_id);
    `,
  },
  {
    version: 16,
    name: "discovered actors numbered by the save that last wrote them",
    // /actor reads the discovered actors again after any write; with the revision it reads only those saved since.
    sql: `
      ALTER TABLE discovered_actors ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX discovered_actors_revision ON discovered_actors(revision);
    `,
  },
  {
    version: 17,
    name: "several senders: a chat's send claim, a shared send budget, handled updates",
    // Replicas on one database (PostgreSQL) share the outbox: a sender claims a chat, serves its due rows in order and
    // lets it go; a claim whose holder died expires and the chat is served again. The time of the chat's last send
    // keeps the per-chat gap across replicas. SQLite has one writer, so its claims are never contested, but the
    // stores read and write the same columns on both. Telegram may deliver one webhook update to two replicas.
    sql: `
      ALTER TABLE chats ADD COLUMN send_holder TEXT;
      ALTER TABLE chats ADD COLUMN send_until INTEGER;
      ALTER TABLE chats ADD COLUMN last_send_end INTEGER;
      CREATE INDEX deliveries_due_chat ON deliveries(next_attempt_at, chat_ref) WHERE status IN ('pending', 'sending');
      CREATE TABLE send_budget (name TEXT PRIMARY KEY, next_slot INTEGER NOT NULL);
      CREATE TABLE handled_updates (
        platform TEXT NOT NULL,
        update_id INTEGER NOT NULL,
        handled_at INTEGER NOT NULL,
        PRIMARY KEY (platform, update_id)
      );
      CREATE INDEX handled_updates_at ON handled_updates(handled_at);
    `,
  },
];
