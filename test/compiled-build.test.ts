import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNode } from "./helpers/run-process.js";

const ROOT = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "hilo-build-"));
const out = join(dir, "dist");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a compiled entry with stdin piped, from the project folder (where content/ is), with no tsx loaded. */
function runCompiled(entry: string, args: string[], input: string) {
  const env = { PATH: process.env.PATH ?? "", HILO_DB_PATH: join(dir, "demo.db"), HILO_LOG_LEVEL: "error" };
  return runNode([join(out, entry), ...args], { cwd: ROOT, env }, input);
}

beforeAll(() => {
  // What `npm run build` does, into a folder of its own that finds the project's packages as dist/ would.
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const built = spawnSync(
    process.execPath,
    [tsc, "-p", join(ROOT, "tsconfig.build.json"), "--outDir", out, "--tsBuildInfoFile", join(dir, "build-info")],
    {
      encoding: "utf8",
    },
  );
  expect(built.stderr + built.stdout).toBe("");
  expect(built.status).toBe(0);
}, 120_000);

describe("the compiled build", () => {
  it("runs the console bot from dist/main.js without tsx: the digest, then each answer", async () => {
    const { code, stdout, stderr } = await runCompiled("main.js", [], "/actor petro\n");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("🧵");
    expect(stdout).toContain("Gustavo Petro");
  });

  it("runs the hilo command from dist/cli.js", async () => {
    const { code, stdout } = await runCompiled("cli.js", ["ask", "/latest", "--json"], "");
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ kind: "developments" });
  });

  it("carries no evaluation code, and hilo eval there says where it runs instead of failing obscurely", async () => {
    const built = readdirSync(out, { recursive: true }).map(String);
    expect(built.filter((file) => /(^|\/)eval(\/|-)|evaluate|rouge|cluster-metrics/.test(file))).toEqual([]);
    // This build sits in a folder without eval/, as the Docker image does.
    const { code, stderr } = await runCompiled("cli.js", ["eval", "--demo"], "");
    expect(code).toBe(2);
    expect(stderr).toMatch(/hilo eval runs from a checkout of the repository/);
  });

  it("runs hilo eval from a checkout: the compiled command loads eval/ through tsx", async () => {
    symlinkSync(join(ROOT, "eval"), join(dir, "eval"), "dir");
    const { code, stdout } = await runCompiled("cli.js", ["eval", "--demo"], "");
    expect(code).toBe(0);
    expect(stdout).toMatch(/\| demo \| \d+ \|/);
  });
});
