import type { PostgresDatabase } from "./postgres-database.js";

/** A development's best chunk for a query: its id and the chunk's BM25 as FTS5 gives it (negative; lower is better). */
export interface RankedDevelopment {
  id: number;
  rank: number;
}

// FTS5's bm25() with its default weights.
const K1 = 1.2;
const B = 0.75;

/**
 * The search index's two questions asked of PostgreSQL's full-text search, answering as FTS5 does: a unit (quoted
 * phrases of stems joined by OR, see searchQuery) matches a chunk holding any of its phrases, words in a row; a
 * chunk's rank is FTS5's BM25 over every phrase of the query, worked out here from the chunks PostgreSQL found.
 */
export class PostgresChunkSearch {
  constructor(
    private readonly db: PostgresDatabase,
    private readonly rowsPerDevelopment: number,
  ) {}

  /** The developments with a chunk matching `unit`. */
  developmentsMatching(unit: string): number[] {
    const phrases = phrasesOf(unit);
    const { rows } = this.db.query(
      `SELECT DISTINCT rowid / ${this.rowsPerDevelopment} AS id FROM search_chunks WHERE tokens @@ (${anyOf(phrases)})`,
      phrases,
    );
    return (rows as { id: number }[]).map((row) => row.id);
  }

  /** Each development with a chunk matching any unit, with its best chunk's rank. */
  bestRanks(units: readonly string[]): RankedDevelopment[] {
    const phrases = units.flatMap(phrasesOf);
    if (phrases.length === 0) return [];
    const chunks = this.db.query(`SELECT rowid, terms FROM search_chunks WHERE tokens @@ (${anyOf(phrases)})`, phrases)
      .rows as { rowid: number; terms: string }[];
    if (chunks.length === 0) return [];
    const totals = this.db.query("SELECT count(*) AS rows, coalesce(sum(size), 0) AS tokens FROM search_chunks")
      .rows[0] as { rows: number; tokens: number };
    const containing = phrases.map(
      (phrase) =>
        (
          this.db.query("SELECT count(*) AS n FROM search_chunks WHERE tokens @@ phraseto_tsquery('hilo_terms', $1)", [
            phrase,
          ]).rows[0] as { n: number }
        ).n,
    );
    const idf = containing.map((n) => {
      const value = Math.log((totals.rows - n + 0.5) / (n + 0.5));
      return value > 0 ? value : 1e-6;
    });
    const best = new Map<number, number>();
    const averageSize = totals.tokens / totals.rows;
    for (const chunk of chunks) {
      const tokens = tokensOf(chunk.terms);
      let score = 0;
      phrases.forEach((phrase, i) => {
        const hits = occurrences(tokens, tokensOf(phrase));
        score += (idf[i] as number) * ((hits * (K1 + 1)) / (hits + K1 * (1 - B + (B * tokens.length) / averageSize)));
      });
      const id = Math.floor(chunk.rowid / this.rowsPerDevelopment);
      const rank = -score;
      if (!best.has(id) || rank < (best.get(id) as number)) best.set(id, rank);
    }
    return [...best].map(([id, rank]) => ({ id, rank }));
  }
}

/** The phrases of a unit: `"medid provisional" OR "provisional measur"` → ["medid provisional", "provisional measur"]. */
export function phrasesOf(unit: string): string[] {
  const phrases: string[] = [];
  const rest = unit.replace(/"((?:[^"]|"")*)"/g, (_, phrase: string) => {
    phrases.push(phrase.replaceAll('""', '"'));
    return "";
  });
  if (rest.replace(/\bOR\b/g, "").trim() !== "") throw new RangeError(`not a search unit of quoted phrases: ${unit}`);
  return phrases;
}

function anyOf(phrases: readonly string[]): string {
  return phrases.map((_, i) => `phraseto_tsquery('hilo_terms', $${i + 1})`).join(" || ");
}

/** A text's tokens as FTS5's unicode61 tokenizer (remove_diacritics 2) splits and folds them. */
function tokensOf(text: string): string[] {
  return (
    text
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function occurrences(tokens: readonly string[], phrase: readonly string[]): number {
  if (phrase.length === 0) return 0;
  let count = 0;
  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    if (phrase.every((word, j) => tokens[i + j] === word)) count++;
  }
  return count;
}
