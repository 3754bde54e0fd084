import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Db, describeError, type Logger, probeWrite } from "../digest/index.js";
import { checkHealth, type HealthReport } from "./check-health.js";
import type { LiveStatus } from "./live-status.js";
import type { Metrics } from "./metrics.js";

export interface HealthServerOptions {
  host: string;
  /** 0 picks a free port (tests); the chosen one is in `port` of the result. */
  port: number;
  db: Db;
  status: LiveStatus;
  metrics: Metrics;
  staleMinutes: number;
  /** Wall-clock ms; tests pass a fake one. */
  now: () => number;
  log: Logger;
}

/** A running health server: where it listens, and how to stop it. */
export interface HealthServer {
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Serves GET /healthz (JSON, 200 or 503) and GET /metrics (Prometheus text) until closed. */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  // Docker asks every 30 s: log when the answer changes, not each time.
  let wasHealthy = true;
  const health = (): HealthReport => {
    const now = options.now();
    const report = checkHealth({
      status: options.status,
      database: probeWrite(options.db, now),
      now,
      staleMinutes: options.staleMinutes,
    });
    if (report.healthy !== wasHealthy) {
      if (report.healthy) options.log.info("health check passes again");
      else options.log.warn("health check failing", { problems: report.body.problems });
      wasHealthy = report.healthy;
    }
    return report;
  };
  const server = createServer((request, response) => {
    handle(request, response, options.metrics, health).catch((error: unknown) => {
      options.log.error("health server could not answer", { path: request.url, error: describeError(error) });
      if (!response.headersSent) send(response, 500, "text/plain; charset=utf-8", "internal error\n");
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    port,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // A scraper's keep-alive connection would otherwise hold close() open until it times out.
        server.closeAllConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  metrics: Metrics,
  health: () => HealthReport,
): Promise<void> {
  const path = new URL(request.url ?? "/", "http://health").pathname;
  if (path !== "/healthz" && path !== "/metrics")
    return send(response, 404, "text/plain; charset=utf-8", "not found: try /healthz or /metrics\n");
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("allow", "GET, HEAD");
    return send(response, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
  }
  if (path === "/metrics") {
    const { contentType, text } = await metrics.scrape();
    return send(response, 200, contentType, text, request.method === "HEAD");
  }
  const report = health();
  send(
    response,
    report.healthy ? 200 : 503,
    "application/json; charset=utf-8",
    `${JSON.stringify(report.body)}\n`,
    request.method === "HEAD",
  );
}

function send(response: ServerResponse, status: number, contentType: string, body: string, headOnly = false): void {
  response.writeHead(status, {
    "content-type": contentType,
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
  });
  response.end(headOnly ? undefined : body);
}
