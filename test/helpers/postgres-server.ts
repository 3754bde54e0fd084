import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

/** A PostgreSQL server of the tests' own: its folder, its address, and how to stop it. */
export interface PostgresServer {
  url: string;
  dir: string;
  port: number;
  stop(): void;
}

/**
 * Starts a real PostgreSQL server (the `initdb`, `pg_ctl` and `postgres` on the PATH) in a temp folder, listening on
 * 127.0.0.1 at a free port, with the `unaccent` extension's files at hand. PostgreSQL refuses to run as root, so as
 * root it runs as the `postgres` user. Throws, with what is missing, when no server can be started: the PostgreSQL
 * suite fails loudly rather than skipping.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const runAs = userInfo().uid === 0 ? "postgres" : undefined;
  for (const program of ["initdb", "pg_ctl"]) {
    if (spawnSync("which", [program]).status !== 0)
      throw new Error(`PostgreSQL is not installed here: no ${program} on the PATH (the PostgreSQL suite needs it)`);
  }
  const dir = mkdtempSync(join(tmpdir(), "hilo-pg-"));
  const data = join(dir, "data");
  if (runAs) chownSync(dir, uidOf(runAs), uidOf(runAs, "g"));
  const run = (program: string, args: string[]) => {
    const [command, commandArgs] = runAs ? ["runuser", ["-u", runAs, "--", program, ...args]] : [program, args];
    try {
      return execFileSync(command, commandArgs, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(`${program} failed: ${stderr || stdout || (error as Error).message}`);
    }
  };
  run("initdb", ["-D", data, "-U", "hilo", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const port = await freePort();
  // The tests' server is disposable: no fsync, and enough connections for a few replicas and their pools.
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "server.log"), "-w", "-t", "30", "start"]);
  let stopped = false;
  return {
    url: `postgres://hilo@127.0.0.1:${port}/postgres`,
    dir,
    port,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function uidOf(user: string, which: "u" | "g" = "u"): number {
  return Number(execFileSync("id", [`-${which}`, user], { encoding: "utf8" }).trim());
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
