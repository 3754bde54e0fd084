// Child process of runFeedCorpus: examines feed files one by one and reports each result as it is
// known, so the parent can tell which file hangs and kill this process without losing the others.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { examineFeedBytes } from "./feed-corpus-eval.js";
import type { FeedCorpusJob, FeedWorkerMessage } from "./run-feed-corpus.js";

function send(message: FeedWorkerMessage): void {
  process.send!(message);
}

process.once("message", async (job: FeedCorpusJob) => {
  for (const [index, { file, encodingCase }] of job.files.entries()) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(join(job.dir, file));
    } catch (error) {
      send({
        type: "result",
        index,
        result: { file, outcome: { kind: "crashed", error: `cannot read it: ${(error as Error).message}` } },
      });
      continue;
    }
    send({ type: "result", index, result: await examineFeedBytes(file, bytes, encodingCase, job.now) });
  }
  process.disconnect();
});
send({ type: "ready" });
