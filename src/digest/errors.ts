/** Why a feed could not be read. */
export type FeedFailure =
  | "http"
  | "timeout"
  | "encoding"
  | "parse"
  | "not-a-feed"
  | "empty"
  | "too-large"
  // The server sent us round in circles or too far; and we could not reach it at all (refused, DNS, reset).
  | "redirect"
  | "network"
  // The feed or a redirect led to a loopback, private or other non-public address that is not allowed.
  | "blocked-address";

/**
 * Why a feed failed, as data: what kind of failure, and what happened in words. Besides reading failures, an
 * article SQLite refused to file (`processing`) and a process that died while reading the feed (`crash`).
 */
export interface FeedFault {
  reason: FeedFailure | "processing" | "crash";
  detail: string;
}

/** "timeout: no complete answer within 20 s…": a fault as a log line or a command's output shows it. */
export function describeFault(fault: FeedFault): string {
  return `${fault.reason}: ${fault.detail}`;
}

/** A feed that could not be fetched, decoded or parsed; the other feeds go on. */
export class FeedError extends Error {
  override name = "FeedError";
  constructor(
    readonly feed: string,
    readonly reason: FeedFailure,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(`feed ${feed}: ${reason}: ${detail}`, options);
  }
}

/** A content file of the story pack that failed validation: names the file, the field and the problem. */
export class ContentError extends Error {
  override name = "ContentError";
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

/** A configuration value that is missing or invalid. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Why a database file could not be opened: the folder, the file itself, or its permissions. */
export type DatabaseOpenFailure = "unreachable" | "folder" | "not-a-database" | "read-only";

const OPEN_HINTS: Record<DatabaseOpenFailure, string> = {
  unreachable: "check that the folder exists and is writable",
  folder: "that is a folder; give the path of a file inside it",
  "not-a-database": "give the path of a Hilo database, or of a file that does not exist yet",
  "read-only": "check that the file and its folder are writable",
};

/** A database path that could not be opened or created; names the path, the variable that set it, and what to check. */
export class DatabaseOpenError extends Error {
  override name = "DatabaseOpenError";
  constructor(
    readonly path: string,
    readonly setBy: string | undefined,
    readonly reason: DatabaseOpenFailure,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(
      `cannot open the database ${path}${setBy ? ` (set by ${setBy})` : ""}: ${detail}; ${OPEN_HINTS[reason]}`,
      options,
    );
  }
}

/** Who holds a database's lock, as its owner file recorded it. */
export interface DatabaseHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

/** A database file another process is writing to; names it, and how to get out of the way. */
export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
  constructor(
    readonly path: string,
    readonly holder: DatabaseHolder | undefined,
    readonly setBy: string | undefined,
    options?: ErrorOptions,
  ) {
    const who = holder
      ? `pid ${holder.pid} on ${holder.host} since ${holder.since} (${holder.command})`
      : "another process";
    const elsewhere = setBy ? `set ${setBy} to another file` : "use another file";
    super(
      `the database ${path} is in use by ${who}: only one Hilo may write to it; stop it first, or ${elsewhere}`,
      options,
    );
  }
}

/** What makes a database's schema unusable: written by a newer Hilo, or a table or column gone. */
export type SchemaProblem =
  | { kind: "newer"; version: number; known: number }
  | { kind: "missing-table"; table: string }
  | { kind: "missing-column"; table: string; column: string };

/** A database whose schema this Hilo cannot use; names the file and what is wrong with it. */
export class DatabaseSchemaError extends Error {
  override name = "DatabaseSchemaError";
  constructor(
    readonly path: string,
    readonly problem: SchemaProblem,
    readonly setBy: string | undefined,
  ) {
    super(describeSchemaProblem(path, problem, setBy));
  }
}

function describeSchemaProblem(path: string, problem: SchemaProblem, setBy: string | undefined): string {
  const changed = "the file was changed outside Hilo; restore a backup or start a new file";
  switch (problem.kind) {
    case "newer":
      return `${path} has schema version ${problem.version} but this Hilo knows up to ${problem.known}: it was written by a newer Hilo; upgrade Hilo, or ${setBy ? `point ${setBy} at` : "open"} another file`;
    case "missing-table":
      return `${path}: it has no table ${problem.table}: ${changed}`;
    case "missing-column":
      return `${path}: table ${problem.table} has no column ${problem.column}: ${changed}`;
  }
}

/** An error and its causes on one line ("FeedError: … ← TypeError: fetch failed"), for logs. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth += 1) {
    if (!(current instanceof Error)) {
      parts.push(String(current));
      break;
    }
    parts.push(`${current.name}: ${current.message}`);
    current = current.cause;
  }
  return parts.join(" ← ");
}
