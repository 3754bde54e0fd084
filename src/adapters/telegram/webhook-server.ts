import { createServer, type Server } from "node:http";
import { type Bot, BotError, webhookCallback } from "grammy";
import { describeError, type Logger } from "../../digest/index.js";

/** Where Telegram posts updates: the path of the public webhook URL, on a local port, checked by a secret. */
export interface WebhookListen {
  /** The path of the public URL (`https://example.org/telegram` → `/telegram`). */
  path: string;
  port: number;
  /** Compared with X-Telegram-Bot-Api-Secret-Token; a request without it is answered 401. */
  secret: string;
  /** Interface to listen on; all of them unless given (behind a TLS proxy, often 127.0.0.1). */
  host?: string | undefined;
}

/** A running webhook server. */
export interface WebhookServer {
  port: number;
  close(): Promise<void>;
}

// Telegram redelivers an update whose webhook call takes about a minute. Handling is fast (the core answers in ms;
// Bot API calls are bounded by auto-retry), so the answer waits for it and a failure still reaches bot.catch; past
// this bound grammY answers anyway and lets the handling finish in the background, where a late failure is lost.
const ANSWER_WITHIN_MS = 45_000;

/**
 * Serves the bot's webhook with node:http: POST on the webhook path goes to grammY's webhook callback, `GET /healthz`
 * answers 200 for load balancers and process managers, anything else 404.
 */
export async function startWebhookServer(bot: Bot, listen: WebhookListen, log: Logger): Promise<WebhookServer> {
  const handle = webhookCallback(bot, "http", {
    secretToken: listen.secret,
    onTimeout: "return",
    timeoutMilliseconds: ANSWER_WITHIN_MS,
  });
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?", 1)[0];
    if (req.method === "GET" && path === "/healthz") {
      res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
      return;
    }
    if (req.method !== "POST" || path !== listen.path) {
      res.writeHead(404).end();
      return;
    }
    handle(req, res).catch(async (error: unknown) => {
      // The webhook callback rethrows what the middleware threw; it goes to bot.catch like in polling mode, and
      // Telegram still gets a 200 so it does not redeliver an update that would fail again.
      if (error instanceof BotError) await bot.errorHandler(error);
      else log.error("webhook request failed", { error: describeError(error) });
      if (!res.headersSent) res.writeHead(error instanceof SyntaxError ? 400 : 200).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : listen.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive connections would hold close() open; requests in flight finish first.
        server.closeIdleConnections();
      }),
  };
}
