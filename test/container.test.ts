import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { builtinModules } from "node:module";
import type { AddressInfo } from "node:net";
import { join, posix } from "node:path";
import { describe, expect, it } from "vitest";
import { HEALTH_PORT, loadConfig } from "../src/config.js";

const ROOT = join(import.meta.dirname, "..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions per stage, continuation lines joined and comments dropped. */
function dockerStages(text: string): Instruction[][] {
  const stages: Instruction[][] = [];
  const joined = text.replace(/\\\n/g, " ");
  for (const line of joined.split("\n").map((raw) => raw.trim())) {
    if (line === "" || line.startsWith("#")) continue;
    const [, keyword = "", args = ""] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === "FROM") stages.push([]);
    stages.at(-1)?.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

const stages = dockerStages(read("Dockerfile"));
const final = stages.at(-1)!;
const all = (keyword: string) => final.filter((instruction) => instruction.keyword === keyword);
const one = (keyword: string) => {
  const found = all(keyword);
  expect(found, `one ${keyword} in the final stage`).toHaveLength(1);
  return found[0]!.args;
};
const env = Object.fromEntries(
  all("ENV").flatMap((instruction) =>
    [...instruction.args.matchAll(/(\w+)=(\S+)/g)].map((match) => [match[1], match[2]]),
  ),
);
const workdir = one("WORKDIR");
/** Where each repository path is copied to in the image (COPY from the build context, not from a stage). */
const copied = all("COPY")
  .filter((instruction) => !instruction.args.startsWith("--from"))
  .flatMap((instruction) => {
    const parts = instruction.args.split(/\s+/);
    const target = posix.resolve(workdir, parts.at(-1)!);
    return parts
      .slice(0, -1)
      .map((source) => ({ source, target: parts.length > 2 ? posix.join(target, source) : target }));
  });

/** The image path a repository file ends up at, or undefined when no COPY brings it. */
function inImage(repoPath: string): string | undefined {
  for (const { source, target } of copied) {
    if (repoPath === source) return target;
    if (repoPath.startsWith(`${source}/`)) return posix.join(target, repoPath.slice(source.length + 1));
  }
  return undefined;
}

/** The scripts a node command line runs, in repository terms: `node --import tsx src/main.ts` → src/main.ts. */
function scriptOf(command: string[]): string {
  expect(command[0]).toBe("node");
  const script = command.slice(1).find((arg, i, args) => !arg.startsWith("-") && args[i - 1] !== "--import");
  return posix.relative(workdir, posix.resolve(workdir, script!));
}

const compose = read("compose.yaml");

describe("the Docker image", () => {
  it("runs the compiled main.js in exec form, so node itself receives docker stop's SIGTERM", () => {
    const command = JSON.parse(one("CMD")) as string[];
    expect(command).toEqual(["node", "--max-old-space-size=128", "--max-semi-space-size=4", "dist/main.js"]);
    // The same command and heap cap as npm start (after its build step), the one the benchmark measures.
    expect(JSON.parse(read("package.json")).scripts.start).toBe(`node bin/build-if-stale.js && ${command.join(" ")}`);
    expect(all("ENTRYPOINT")).toEqual([]);
    expect(scriptOf(command)).toBe("dist/main.js");
    // dist/ is compiled in the build stage from src/ and copied over; nothing in the run stage compiles.
    const build = stages[0]!;
    expect(build.some((instruction) => instruction.keyword === "RUN" && /npm run build/.test(instruction.args))).toBe(
      true,
    );
    expect(build.some((instruction) => instruction.keyword === "COPY" && /^src\s/.test(instruction.args))).toBe(true);
    expect(
      final.some(
        (instruction) => instruction.keyword === "COPY" && instruction.args === "--from=build /app/dist ./dist",
      ),
    ).toBe(true);
    expect(inImage("src/main.ts")).toBeUndefined();
    expect(read("src/main.ts")).toMatch(/process\.once\("SIGTERM"/);
  });

  it("checks its health with a script that is in the repository and copied into the image", () => {
    const healthcheck = one("HEALTHCHECK");
    const [, options = "", json = "[]"] = /^(.*?)CMD\s+(\[.*\])$/.exec(healthcheck) ?? [];
    expect(options).toMatch(/--interval=\d+s/);
    expect(options).toMatch(/--timeout=\d+s/);
    const script = scriptOf(JSON.parse(json) as string[]);
    expect(script).toBe("bin/healthcheck.js");
    expect(existsSync(join(ROOT, script))).toBe(true);
    expect(inImage(script)).toBe(`${workdir}/bin/healthcheck.js`);
  });

  it("keeps the live and the demo database in the volume, where config's defaults put them", () => {
    const volume = (JSON.parse(one("VOLUME")) as string[])[0];
    expect(env.HILO_DB_PATH).toBeUndefined();
    expect(posix.dirname(posix.resolve(workdir, loadConfig(env).dbPath))).toBe(volume);
    expect(posix.dirname(posix.resolve(workdir, loadConfig({ ...env, HILO_LIVE: "0" }).dbPath))).toBe(volume);
    expect(loadConfig(env).dbPath).not.toBe(loadConfig({ ...env, HILO_LIVE: "0" }).dbPath);
    // The bot runs as an ordinary user that owns the volume's folder.
    expect(one("USER")).toBe("node");
    expect(
      final.some(
        (instruction) => instruction.keyword === "RUN" && instruction.args.includes(`chown node:node ${volume}`),
      ),
    ).toBe(true);
  });

  it("serves health on config's default port, where EXPOSE and the health-check script look", () => {
    expect(one("EXPOSE")).toBe(String(HEALTH_PORT));
    expect(env.HILO_HEALTH_PORT).toBe(String(HEALTH_PORT));
    expect(env.HILO_HEALTH_HOST).toBe("0.0.0.0");
    expect(read("bin/healthcheck.js")).toContain(`process.env.HILO_HEALTH_PORT || "${HEALTH_PORT}"`);
    expect(read("bin/healthcheck.js")).toContain(`process.env.HILO_HEALTH_HOST || "${loadConfig({}).health!.host}"`);
  });

  it("copies only paths that exist, and installs production dependencies only", () => {
    for (const { source } of copied) expect(existsSync(join(ROOT, source)), source).toBe(true);
    // The build stage compiles with every dependency, then drops the development ones the run stage copies.
    expect(
      stages[0]!.some((instruction) => instruction.keyword === "RUN" && /npm prune --omit=dev/.test(instruction.args)),
    ).toBe(true);
    expect(read(".dockerignore")).toMatch(/^\.env$/m);
  });

  it("has every package the sources import among the production dependencies, tsx excepted", () => {
    const pkg = JSON.parse(read("package.json")) as { dependencies: Record<string, string> };
    const files = (dir: string): string[] =>
      readdirSync(join(ROOT, dir)).flatMap((name) =>
        statSync(join(ROOT, dir, name)).isDirectory() ? files(`${dir}/${name}`) : [`${dir}/${name}`],
      );
    const imported = new Set<string>();
    for (const file of [...files("src"), ...files("bin")]) {
      const text = read(file);
      const specifiers = [
        ...text.matchAll(/^\s*(?:import|export)\b[^"]*?\bfrom\s+"([^"]+)"/gm),
        ...text.matchAll(/^\s*import\s+"([^"]+)"/gm),
        ...text.matchAll(/\b(?:import|require)\("([^"]+)"\)/g),
      ].map((match) => match[1]!);
      for (const specifier of specifiers) {
        if (specifier.startsWith(".") || specifier.startsWith("node:") || builtinModules.includes(specifier)) continue;
        const parts = specifier.split("/");
        imported.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!);
      }
    }
    // bin/hilo.js loads tsx only where dist/ is missing (a checkout, with its development dependencies); the image
    // always has dist/.
    expect(read("bin/hilo.js")).toMatch(/if \(existsSync\(compiled\)\)[\s\S]*else[\s\S]*import\("tsx\/esm\/api"\)/);
    const missing = [...imported].filter((name) => !(name in pkg.dependencies) && name !== "tsx");
    expect(missing).toEqual([]);
  });
});

describe("compose.yaml", () => {
  it("mounts a named volume where the image keeps the database", () => {
    const volume = (JSON.parse(one("VOLUME")) as string[])[0];
    const [, name] = new RegExp(`^\\s+- ([\\w-]+):${volume}$`, "m").exec(compose) ?? [];
    expect(name, "a service volume mounted at the image's VOLUME").toBeDefined();
    expect(compose).toMatch(new RegExp(`^volumes:\\n\\s+${name}:`, "m"));
    expect(compose, "the database keeps its default path, in the volume").not.toMatch(/HILO_DB_PATH/);
  });

  it("reads .env, restarts the bot, gives it time to stop and checks its health as the image does", () => {
    expect(compose).toMatch(/^\s+env_file: \.env$/m);
    expect(compose).toMatch(/^\s+restart: unless-stopped$/m);
    expect(compose).toMatch(/^\s+stop_grace_period: 10s$/m);
    const [, test = "[]"] = /^\s+test: (\[.*\])$/m.exec(compose) ?? [];
    const [, imageCheck = ""] = /CMD\s+(\[.*\])$/.exec(one("HEALTHCHECK")) ?? [];
    expect(JSON.parse(test)).toEqual(["CMD", ...(JSON.parse(imageCheck) as string[])]);
  });

  it("has a replicas profile: PostgreSQL and two replicas of the bot on one database, each with its own health port", () => {
    const services = [...compose.matchAll(/^ {2}([\w-]+):.*\n {4}profiles: \[replicas\]$/gm)].map((match) => match[1]);
    expect(services).toEqual(["postgres", "replica-a", "replica-b"]);
    expect(compose).toMatch(/^\s+HILO_DATABASE_URL: postgres:\/\/hilo:\$\{POSTGRES_PASSWORD\}@postgres:5432\/hilo$/m);
    expect(compose).toMatch(/^\s+POSTGRES_PASSWORD: \$\{POSTGRES_PASSWORD:\?set POSTGRES_PASSWORD in \.env\}$/m);
    // replica-b is replica-a (the anchor) with another published port.
    expect(compose).toMatch(/^ {2}replica-a: &replica$/m);
    expect(compose).toMatch(
      /^ {2}replica-b:\n {4}profiles: \[replicas\]\n {4}<<: \*replica\n {4}ports:\n {6}- "127\.0\.0\.1:9465:9464"$/m,
    );
    expect(compose).toMatch(/^volumes:\n {2}hilo-data:\n {2}hilo-postgres:$/m);
  });

  it("publishes the health port config uses by default, and pins the server to it", () => {
    expect(compose).toMatch(new RegExp(`^\\s+- "127\\.0\\.0\\.1:${HEALTH_PORT}:${HEALTH_PORT}"$`, "m"));
    expect(compose).toMatch(new RegExp(`^\\s+HILO_HEALTH_PORT: "${HEALTH_PORT}"$`, "m"));
    expect(compose).toMatch(/^\s+HILO_HEALTH_HOST: 0\.0\.0\.0$/m);
  });
});

/** Runs bin/healthcheck.js as Docker would, with `env` over this process's. */
function healthcheck(env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/healthcheck.js"], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout }));
  });
}

/** A stand-in for the bot's /healthz answering `status`. */
async function healthz(status: number): Promise<{ server: Server; port: string }> {
  const server = createServer((_, response) =>
    response
      .writeHead(status, { "content-type": "application/json" })
      .end(`{"status":"${status === 200 ? "ok" : "failing"}"}`),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: String((server.address() as AddressInfo).port) };
}

describe("the health-check script", () => {
  it("passes on 200 and fails on 503, printing the answer for docker inspect", async () => {
    for (const [status, code] of [
      [200, 0],
      [503, 1],
    ] as const) {
      const { server, port } = await healthz(status);
      try {
        // 0.0.0.0 is where the image listens; the script asks on loopback.
        const result = await healthcheck({ HILO_HEALTH_HOST: "0.0.0.0", HILO_HEALTH_PORT: port });
        expect(result.code).toBe(code);
        expect(result.stdout).toContain(`${status} {"status":`);
      } finally {
        server.close();
      }
    }
  });

  it("fails when nothing listens, saying why", async () => {
    const { server, port } = await healthz(200);
    await new Promise((resolve) => server.close(resolve));
    const result = await healthcheck({ HILO_HEALTH_PORT: port });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/no answer from http:\/\/127\.0\.0\.1:\d+\/healthz: .*ECONNREFUSED/);
  });

  it("passes, saying so, when the health server was turned off", async () => {
    expect(await healthcheck({ HILO_HEALTH_PORT: "0" })).toEqual({
      code: 0,
      stdout: expect.stringMatching(/health server is off/),
    });
  });
});
