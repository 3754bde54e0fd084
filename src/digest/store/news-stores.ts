import { ArticleStore } from "./article-store.js";
import { DevelopmentStore } from "./development-store.js";
import { MentionStore } from "./mention-store.js";
import type { Db } from "./open-database.js";
import { SearchIndex } from "./search-index.js";

/** The news as Hilo files it, one store per thing stored: developments, their reports, who they name, the index. */
export interface NewsStores {
  developments: DevelopmentStore;
  articles: ArticleStore;
  mentions: MentionStore;
  search: SearchIndex;
}

/** The news stores over one database, each with its statements prepared once, here. */
export function openNewsStores(db: Db): NewsStores {
  const developments = new DevelopmentStore(db);
  return {
    developments,
    articles: new ArticleStore(db),
    mentions: new MentionStore(db, developments),
    search: new SearchIndex(db, developments),
  };
}
