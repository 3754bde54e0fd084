#!/usr/bin/env node
// The container's HEALTHCHECK: asks the bot's own /healthz and exits 0 on 200, 1 otherwise, printing the answer
// (see `docker inspect --format '{{json .State.Health}}'`). Plain JavaScript so it starts fast every 30 s; it reads
// the two variables config.ts reads for the server, with the same defaults (test/container.test.ts checks them).
const port = process.env.HILO_HEALTH_PORT || "9464";
if (port === "0") {
  console.log("the health server is off (HILO_HEALTH_PORT=0); nothing to check");
  process.exit(0);
}
const host = process.env.HILO_HEALTH_HOST || "127.0.0.1";
// A server on every interface is reached on loopback; an IPv6 literal needs brackets in a URL.
const target = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "[::1]" : host.includes(":") ? `[${host}]` : host;
const url = `http://${target}:${port}/healthz`;
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4_000) });
  console.log(`${response.status} ${(await response.text()).trim()}`);
  process.exit(response.status === 200 ? 0 : 1);
} catch (error) {
  // fetch's own message is only "fetch failed"; the cause says why (ECONNREFUSED: the bot is not listening).
  const reason =
    error instanceof Error
      ? [error.message, error.cause instanceof Error ? error.cause.message : undefined]
      : [String(error)];
  console.log(`no answer from ${url}: ${reason.filter(Boolean).join(": ")}`);
  process.exit(1);
}
