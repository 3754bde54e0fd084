import type { AnyFunction, ParamsOf, SqlDatabase, SqlStatement } from "../sql-database.js";
import { SyncPostgresClient, type SyncPostgresOptions } from "./sync-postgres-client.js";

/**
 * PostgreSQL behind the statements Hilo's stores write for SQLite: `?` placeholders become `$1…`, transactions nest
 * as savepoints, and a statement answers `run`, `get`, `all`, `iterate`, `pluck` and `raw` as better-sqlite3's do.
 * The SQL itself must be what both databases read alike; the few statements that cannot be ask `engineOf(db)`.
 */
export class PostgresDatabase implements SqlDatabase {
  readonly engine = "postgres";
  private depth = 0;
  private savepoints = 0;

  constructor(
    private readonly client: SyncPostgresClient,
    readonly url: string,
  ) {}

  static connect(url: string, options: SyncPostgresOptions = {}): PostgresDatabase {
    return new PostgresDatabase(new SyncPostgresClient(url, options), url);
  }

  prepare(sql: string): SqlStatement {
    return new PostgresStatement(this.client, numberPlaceholders(sql));
  }

  /** Runs a statement with values, as they are (PostgreSQL's own `$1` placeholders). */
  query(text: string, values: readonly unknown[] = []): { rows: unknown[]; rowCount: number } {
    return this.client.query(text, values);
  }

  exec(sql: string): this {
    this.client.query(sql);
    return this;
  }

  transaction<F extends AnyFunction>(fn: F): (...params: ParamsOf<F>) => ReturnType<F> {
    return (...params) => {
      const outermost = this.depth === 0;
      const savepoint = `hilo_${++this.savepoints}`;
      this.client.query(outermost ? "BEGIN" : `SAVEPOINT ${savepoint}`);
      this.depth++;
      try {
        const result = fn(...params) as ReturnType<F>;
        this.client.query(outermost ? "COMMIT" : `RELEASE SAVEPOINT ${savepoint}`);
        return result;
      } catch (error) {
        this.client.query(outermost ? "ROLLBACK" : `ROLLBACK TO SAVEPOINT ${savepoint}`);
        throw error;
      } finally {
        this.depth--;
      }
    };
  }

  get isOpen(): boolean {
    return this.client.isOpen;
  }

  close(): void {
    this.client.close();
  }
}

class PostgresStatement implements SqlStatement {
  private mode: "rows" | "pluck" | "raw" = "rows";

  constructor(
    private readonly client: SyncPostgresClient,
    private readonly text: string,
  ) {}

  run(...params: unknown[]): { changes: number } {
    return { changes: this.client.query(this.text, params).rowCount };
  }

  get(...params: unknown[]): unknown {
    return this.all(...params)[0];
  }

  all(...params: unknown[]): unknown[] {
    if (this.mode === "rows") return this.client.query(this.text, params).rows;
    const rows = this.client.query(this.text, params, "array").rows as unknown[][];
    return this.mode === "raw" ? rows : rows.map((row) => row[0]);
  }

  iterate(...params: unknown[]): IterableIterator<unknown> {
    return this.all(...params)[Symbol.iterator]();
  }

  pluck(toggle = true): this {
    this.mode = toggle ? "pluck" : "rows";
    return this;
  }

  raw(toggle = true): this {
    this.mode = toggle ? "raw" : "rows";
    return this;
  }
}

/** `?` placeholders as `$1`, `$2`…, leaving quoted text, quoted names and comments as they are. */
export function numberPlaceholders(sql: string): string {
  let out = "";
  let n = 0;
  for (let i = 0; i < sql.length; i++) {
    const char = sql[i] as string;
    const closing = char === "'" || char === '"' ? char : sql.startsWith("--", i) ? "\n" : undefined;
    if (closing) {
      const end = sql.indexOf(closing, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else {
      out += char === "?" ? `$${++n}` : char;
    }
  }
  return out;
}
