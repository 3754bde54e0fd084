import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { type DatabaseHolder, DatabaseInUseError } from "../errors.js";
import { databaseOpenError } from "./open-database.js";

// `<db>.owner.json`: the process holding the lock, for a refused process to name.
const OwnerFile = z.object({ pid: z.number().int(), host: z.string(), command: z.string(), since: z.string() });

/** A held lock on one database file; `release()` lets the next process in (so does this process's exit). */
export interface DatabaseLock {
  readonly path: string;
  release(): void;
}

// Taking the lock passes through a shared lock, so two processes starting together can each block the other for
// a moment; with no wait at all both would be refused. SQLite drops the shared lock and retries until this passes.
const CONTENDED_MS = 1_000;

/** Who and what this process is, for the owner file. */
export function thisProcess(now: Date = new Date()): DatabaseHolder {
  return { pid: process.pid, host: hostname(), command: process.argv.join(" "), since: now.toISOString() };
}

/**
 * Makes this process the only writer of the database at `path`, or throws `DatabaseInUseError` naming the holder.
 *
 * The lock is an exclusive transaction kept open on `<db>.lock`: SQLite takes it with an atomic POSIX lock, which
 * the OS drops when the process dies, even by SIGKILL, so there is never a stale lock to clean up. SQLite also
 * refuses a second connection of the same process. Never read or write `<db>.lock` with `fs`: closing any other
 * descriptor of that file would silently drop this process's POSIX lock on it.
 */
export function lockDatabase(path: string, options: { holder?: DatabaseHolder; setBy?: string } = {}): DatabaseLock {
  if (path === ":memory:") return { path, release: () => {} };
  const lockPath = `${path}.lock`;
  const ownerPath = `${path}.owner.json`;
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw databaseOpenError(path, options.setBy, error);
  }
  let connection: Database.Database | undefined;
  try {
    connection = new Database(lockPath, { timeout: CONTENDED_MS });
    // Rollback journal kept in memory, so holding the lock leaves no `-journal` file behind after a crash.
    connection.pragma("journal_mode = MEMORY");
    connection.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    connection?.close();
    if (isBusy(error)) throw new DatabaseInUseError(path, readHolder(ownerPath), options.setBy, { cause: error });
    throw databaseOpenError(path, options.setBy, error, `its lock file ${lockPath}`);
  }
  const held = connection;
  try {
    writeOwner(ownerPath, options.holder ?? thisProcess());
  } catch (error) {
    held.exec("ROLLBACK");
    held.close();
    throw databaseOpenError(path, options.setBy, error, `its owner file ${ownerPath}`);
  }
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      // The owner file goes first: once the lock is free, the file may already be the next holder's.
      rmSync(ownerPath, { force: true });
      held.exec("ROLLBACK");
      held.close();
    },
  };
}

function isBusy(error: unknown): boolean {
  return (
    error instanceof Error && "code" in error && typeof error.code === "string" && error.code.startsWith("SQLITE_BUSY")
  );
}

// Written beside and renamed into place, so a refused process never reads half a file.
function writeOwner(ownerPath: string, holder: DatabaseHolder): void {
  const partial = `${ownerPath}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(holder)}\n`);
  renameSync(partial, ownerPath);
}

/** The holder the owner file names, unless it is missing, unreadable, or left by a process of this host that is gone. */
function readHolder(ownerPath: string): DatabaseHolder | undefined {
  let text: string;
  try {
    text = readFileSync(ownerPath, "utf8");
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = OwnerFile.safeParse(json);
  if (!parsed.success) return undefined;
  // A holder killed by SIGKILL leaves its file; the next holder may not have written its own yet.
  if (parsed.data.host === hostname() && !isRunning(parsed.data.pid)) return undefined;
  return parsed.data;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
