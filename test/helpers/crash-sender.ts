/**
 * The child process of the crash test: drains the outbox of the database at argv[2] through a "platform" that
 * appends each message's title (its delivery key) to the file at argv[3]. Prints "sent <key>" on stdout after
 * each send is committed, so the parent knows how far it got without sleeping. With a third argument N, the
 * N-th send never reaches the platform: it prints "hanging <key>" and waits there to be killed.
 * Run: node --import tsx test/helpers/crash-sender.ts DB LOG [N]
 */
import { appendFileSync } from "node:fs";
import type { Logger } from "../../src/digest/logger.js";
import { type Notifier, systemClock } from "../../src/digest/notify/notifier.js";
import { Outbox } from "../../src/digest/notify/outbox.js";
import { Sender } from "../../src/digest/notify/sender.js";
import { ChatStore } from "../../src/digest/store/chat-store.js";
import { openDatabase } from "../../src/digest/store/open-database.js";
import { SubscriptionStore } from "../../src/digest/store/subscription-store.js";

// The parent's chats are on this platform; 20 msg/s keeps the child waiting ~50 ms between sends.
const PLATFORM = "crash";
const MESSAGES_PER_SECOND = 20;

const [dbPath, logPath, hangAt] = process.argv.slice(2);
if (!dbPath || !logPath) throw new Error("usage: node --import tsx test/helpers/crash-sender.ts DB LOG");
const db = openDatabase(dbPath);
let received = 0;
const platform: Notifier = {
  platform: PLATFORM,
  async send(_target, message) {
    const title = message.reply.kind === "digest" ? message.reply.digest.title : "?";
    if (received + 1 === Number(hangAt)) {
      process.stdout.write(`hanging ${title}\n`);
      setInterval(() => {}, 1_000); // keeps the process alive until the parent kills it
      return new Promise(() => {});
    }
    // Synchronous on purpose: once this returns, the platform has the message, whatever happens next.
    appendFileSync(logPath, `${title}\n`);
    received += 1;
    return { kind: "sent", messageId: `crash-${process.pid}-${received}` };
  },
};
const log: Logger = {
  info: (message, fields) => {
    if (message === "delivery sent") process.stdout.write(`sent ${String(fields?.key)}\n`);
  },
  warn: (message, fields) => process.stderr.write(`${message} ${JSON.stringify(fields)}\n`),
  error: (message, fields) => process.stderr.write(`${message} ${JSON.stringify(fields)}\n`),
};
const outbox = new Outbox(db, systemClock);
const sender = new Sender({
  outbox,
  chats: new ChatStore(db),
  subscriptions: new SubscriptionStore(db),
  notifiers: new Map([[PLATFORM, platform]]),
  clock: systemClock,
  log,
  limits: { messagesPerSecond: MESSAGES_PER_SECOND },
  // A SQLite file has one sender: chats the killed run had claimed are free at once.
  alone: true,
});
for (let round = 0; round < 5 && outbox.depth() > 0; round += 1) await sender.drain();
db.close();
