import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { nodeFlagsFor, siblingEntry } from "../src/entry-point.js";
import type { FeedFileResult } from "./feed-corpus-eval.js";

/** The files one worker process examines, in order. */
export interface FeedCorpusJob {
  dir: string;
  files: { file: string; encodingCase: boolean }[];
  now: number;
}

/** What a worker process tells its parent. */
export type FeedWorkerMessage = { type: "ready" } | { type: "result"; index: number; result: FeedFileResult };

export interface FeedCorpusRunOptions {
  /** A file still being examined after this long counts as a hang; its worker is killed and a new one goes on. */
  hangMs: number;
  /** How long a worker may take to load before the run gives up. */
  startupMs: number;
  /** The worker script (tests pass their own). */
  worker: string;
}

const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));

export const FEED_CORPUS_RUN: FeedCorpusRunOptions = {
  hangMs: 5_000,
  startupMs: 60_000,
  worker: siblingEntry(import.meta.url, "feed-corpus-worker").file,
};

interface WorkerRun {
  results: FeedFileResult[];
  /** Why the worker stopped before the end: the file at results.length hung, or the process died on it. */
  stop: { kind: "done" } | { kind: "hung" } | { kind: "died"; detail: string };
}

/**
 * Examines feed files in a child process, so that a file that loops forever, or takes the process down,
 * costs that file alone: it is recorded as hung (or crashed) and a fresh worker carries on after it.
 */
export async function runFeedCorpus(
  job: FeedCorpusJob,
  options: FeedCorpusRunOptions = FEED_CORPUS_RUN,
): Promise<FeedFileResult[]> {
  const results: FeedFileResult[] = [];
  // Each pass examines at least one file, so there are at most as many passes as files.
  for (let pass = 0; results.length < job.files.length && pass <= job.files.length; pass++) {
    const rest = job.files.slice(results.length);
    const run = await runWorker({ ...job, files: rest }, options);
    results.push(...run.results);
    if (run.stop.kind === "done" && run.results.length === rest.length) break;
    const stuck = rest[run.results.length]!;
    results.push({
      file: stuck.file,
      outcome:
        run.stop.kind === "hung"
          ? { kind: "hung", afterMs: options.hangMs }
          : { kind: "crashed", error: run.stop.kind === "died" ? run.stop.detail : "the worker stopped early" },
    });
  }
  return results;
}

function runWorker(job: FeedCorpusJob, options: FeedCorpusRunOptions): Promise<WorkerRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlagsFor(options.worker), options.worker], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    const results: FeedFileResult[] = [];
    let stderr = "";
    let settled = false;
    let timer = setTimeout(
      () =>
        finish(() =>
          reject(new Error(`the feed worker did not start within ${options.startupMs} ms: ${stderr.trim()}`)),
        ),
      options.startupMs,
    );
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      settle();
    };
    const watch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(() => resolve({ results, stop: { kind: "hung" } })), options.hangMs);
    };
    child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-2000)));
    child.on("message", (message: FeedWorkerMessage) => {
      if (message.type === "ready") {
        child.send(job);
        watch();
      } else {
        results.push(message.result);
        watch();
      }
    });
    child.on("error", (error) => finish(() => reject(error)));
    child.on("close", (code, signal) => {
      const lastLine =
        stderr
          .trim()
          .split("\n")
          .filter((line) => /\w/.test(line))
          .slice(-1)[0] ?? "";
      finish(() =>
        resolve({
          results,
          stop:
            code === 0
              ? { kind: "done" }
              : {
                  kind: "died",
                  detail: `the process reading it exited (${signal ?? `code ${code}`})${lastLine ? `: ${lastLine}` : ""}`,
                },
        }),
      );
    });
  });
}
