import { type MessagePort, workerData } from "node:worker_threads";
import pg from "pg";
import type { PostgresReply, PostgresRequest } from "./sync-postgres-client.js";

// The thread that owns one PostgreSQL connection for a SyncPostgresClient: it runs each query it is sent, posts the
// answer back, then wakes the caller, who waits on `signal` (see sync-postgres-client.ts).

const { url, port, signal } = workerData as { url: string; port: MessagePort; signal: Int32Array };

// Hilo's integers are ids, counts and times in ms: all below 2^53, so int8 and numeric (what sum() of integers gives)
// read back as numbers, as SQLite gives them.
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);

const client = new pg.Client({ connectionString: url, application_name: "hilo", connectionTimeoutMillis: 10_000 });
// A connection that breaks fails the query in flight and every query after it; the 'error' event says nothing more.
let broken: Error | undefined;
client.on("error", (error) => {
  broken = error;
});
const connected = client.connect().then(
  () => undefined,
  (error: Error) => {
    broken = error;
  },
);

port.on("message", (request: PostgresRequest) => {
  void answer(request).then((reply) => {
    port.postMessage(reply);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
    if (request.kind === "close") port.close();
  });
});

async function answer(request: PostgresRequest): Promise<PostgresReply> {
  await connected;
  if (request.kind === "close") {
    await client.end().catch(() => undefined);
    return { ok: true, rows: [], rowCount: 0 };
  }
  if (broken) return failure(broken);
  try {
    const { text, values } = request;
    const result =
      request.rowMode === "array"
        ? await client.query({ text, values, rowMode: "array" })
        : await client.query({ text, values });
    return { ok: true, rows: result.rows, rowCount: result.rowCount ?? 0 };
  } catch (error) {
    return failure(error as Error);
  }
}

function failure(error: Error & { code?: string; detail?: string }): PostgresReply {
  return { ok: false, message: error.message, code: error.code, detail: error.detail };
}
