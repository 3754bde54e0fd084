import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";

/** One query for the connection's thread. */
export type PostgresRequest =
  | { kind: "query"; text: string; values: unknown[]; rowMode: "array" | undefined }
  | { kind: "close" };

/** The thread's answer: rows (objects, or arrays in "array" mode) and how many rows the statement touched. */
export type PostgresReply =
  | { ok: true; rows: unknown[]; rowCount: number }
  | { ok: false; message: string; code: string | undefined; detail: string | undefined };

/** A statement PostgreSQL refused, or a connection that failed; `code` is PostgreSQL's SQLSTATE when it has one. */
export class PostgresError extends Error {
  override readonly name = "PostgresError";

  constructor(
    message: string,
    readonly code: string | undefined,
    readonly detail: string | undefined,
  ) {
    super(message);
  }
}

export interface SyncPostgresOptions {
  /** How long one query may take before the caller gives up on the connection (ms). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
// Never notified: waiting on it is a plain synchronous pause.
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * One PostgreSQL connection answered synchronously, as better-sqlite3 answers: the connection lives on a worker
 * thread running `pg`; `query` posts the statement to it and blocks this thread (Atomics.wait) until the answer is
 * back. While a query is out the process does nothing else, exactly as while SQLite reads the disk, so Hilo's stores
 * and their transactions stay the same code on both databases.
 */
export class SyncPostgresClient {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly timeoutMs: number;
  private closed = false;

  constructor(url: string, options: SyncPostgresOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(workerScript(), {
      eval: true,
      workerData: { url, port: port2, signal: this.signal },
      transferList: [port2],
    });
    // An open connection never keeps the process alive on its own; `close()` ends it politely.
    this.worker.unref();
    this.port.unref();
  }

  /** Runs one statement (or several, with no values) and returns its rows; throws PostgresError when it fails. */
  query(text: string, values: readonly unknown[] = [], rowMode?: "array"): { rows: unknown[]; rowCount: number } {
    if (this.closed) throw new PostgresError("the PostgreSQL connection is closed", undefined, undefined);
    const reply = this.ask({ kind: "query", text, values: [...values], rowMode });
    if (!reply.ok) throw new PostgresError(`${reply.message} (in: ${oneLine(text)})`, reply.code, reply.detail);
    return reply;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  close(): void {
    if (this.closed) return;
    try {
      this.ask({ kind: "close" });
    } finally {
      this.closed = true;
      void this.worker.terminate();
    }
  }

  private ask(request: PostgresRequest): PostgresReply {
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage(request);
    const deadline = Date.now() + this.timeoutMs;
    const waited = Atomics.wait(this.signal, 0, 0, this.timeoutMs);
    let message = receiveMessageOnPort(this.port);
    // Woken without the answer in the queue yet (seen once, under load in the test suite): it is on its way, so look
    // again each millisecond until it comes or the time is up.
    while (!message && waited !== "timed-out" && Date.now() < deadline) {
      Atomics.wait(PAUSE, 0, 0, 1);
      message = receiveMessageOnPort(this.port);
    }
    if (!message) {
      // The answer may still come, into a caller that is no longer waiting for it: this connection is done.
      this.closed = true;
      void this.worker.terminate();
      const why = `no answer within ${this.timeoutMs} ms`;
      throw new PostgresError(`PostgreSQL: ${why}`, undefined, undefined);
    }
    return message.message as PostgresReply;
  }
}

/**
 * A short script that loads the worker's file beside this one (compiled JavaScript; or, when Hilo runs from source
 * as in the tests, the TypeScript file after registering tsx in the new thread) and, should loading fail, answers
 * the first query with why, rather than leaving the caller to wait out its timeout.
 */
function workerScript(): string {
  const fromSource = import.meta.url.endsWith(".ts");
  const file = new URL(`./postgres-worker.${fromSource ? "ts" : "js"}`, import.meta.url).href;
  const register = fromSource ? `await import(${JSON.stringify(tsxRegisterUrl())}).then((tsx) => tsx.register());` : "";
  return `const { workerData } = require("node:worker_threads");
(async () => { ${register} await import(${JSON.stringify(file)}); })().catch((error) => {
  workerData.port.postMessage({ ok: false, message: "PostgreSQL client did not start: " + error.message });
  Atomics.store(workerData.signal, 0, 1);
  Atomics.notify(workerData.signal, 0);
});`;
}

/** tsx's ESM `register` (its CommonJS twin resolves its own files wrongly inside a worker). */
function tsxRegisterUrl(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const { exports } = JSON.parse(readFileSync(manifest, "utf8")) as {
    exports: { "./esm/api": { import: { default: string } } };
  };
  return pathToFileURL(join(dirname(manifest), exports["./esm/api"].import.default)).href;
}

/** The start of a statement on one line, for an error to say which one failed. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 120 ? `${flat.slice(0, 119)}…` : flat;
}
