/**
 * What Hilo's stores ask of a database: the part of better-sqlite3's API they use, so the SQLite database is a
 * better-sqlite3 `Database` as it is, and PostgreSQL (`PostgresDatabase`) offers the same calls over its own client.
 * Statements are synchronous on both: a call returns when the database has answered.
 */
export interface SqlDatabase {
  prepare(sql: string): SqlStatement;
  /** Wraps `fn` so that each call runs in one transaction (a savepoint when already in one). */
  transaction<F extends AnyFunction>(fn: F): (...params: ParamsOf<F>) => ReturnType<F>;
  /** Runs one or more statements with no parameters. */
  exec(sql: string): this;
  close(): void;
}

// biome-ignore lint/suspicious/noExplicitAny: the shape better-sqlite3 declares its transactions with, to match it
export type AnyFunction = (...params: any[]) => unknown;
export type ParamsOf<F extends AnyFunction> = F extends (...params: infer P) => unknown ? P : never;

export interface SqlStatement {
  run(...params: unknown[]): { changes: number };
  /** The first row, or undefined. */
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  /** From now on, rows are their first column's value. */
  pluck(toggle?: boolean): this;
  /** From now on, rows are arrays of their columns' values. */
  raw(toggle?: boolean): this;
}

/** Which database a store is talking to, for the few statements each engine spells its own way. */
export type SqlEngine = "sqlite" | "postgres";

export function engineOf(db: SqlDatabase): SqlEngine {
  return "engine" in db && db.engine === "postgres" ? "postgres" : "sqlite";
}
