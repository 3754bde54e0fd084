import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/digest/index.js";

const dir = mkdtempSync(join(tmpdir(), "hilo-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = loadConfig({ HILO_DB_PATH: join(dir, "hilo.db"), HILO_STORY_DIR: join(import.meta.dirname, "../../content/venezuela-2025") });

async function hilo(args: string[], stdin = "") {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, config, silentLogger, {
    stdin: async () => stdin,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

const ARTICLES = [
  { id: "a", title: "Lukashenko says Maduro will always be welcome in Belarus", text: "The Belarusian leader met Venezuela's ambassador again and offered refuge.", published: "2025-12-09T10:00:00Z", publisher: "One" },
  { id: "b", title: "Lukashenko: Maduro siempre será bienvenido en Bielorrusia", text: "El presidente bielorruso recibió al embajador venezolano y ofreció refugio.", published: "2025-12-09T12:00:00Z", publisher: "Two" },
  { id: "c", title: "PDVSA says crude output reached 1.1 million barrels a day", text: "Venezuela's state oil company credited joint ventures with Chevron.", published: "2025-11-05T10:00:00Z", publisher: "Three" },
];

describe("hilo cluster", () => {
  it("groups JSONL articles and reports bad lines by number without stopping", async () => {
    const input = [JSON.stringify(ARTICLES[0]), "{not json", JSON.stringify({ id: "x" }), JSON.stringify(ARTICLES[1]), JSON.stringify(ARTICLES[2])].join("\n");
    const { code, stdout, stderr } = await hilo(["cluster"], input);
    expect(code).toBe(0);
    const out = stdout.trim().split("\n").map((line) => JSON.parse(line) as { id: string; development: number });
    expect(out.map((line) => line.id)).toEqual(["a", "b", "c"]);
    expect(out[0]!.development).toBe(out[1]!.development);
    expect(out[2]!.development).not.toBe(out[0]!.development);
    expect(stderr).toMatch(/line 2: not JSON/);
    expect(stderr).toMatch(/line 3: line: needs a title or a text/);
  });
});

describe("hilo eval", () => {
  it("prints pairwise and B-cubed scores against the cluster field", async () => {
    const path = join(dir, "gold.jsonl");
    writeFileSync(path, ARTICLES.map((a, i) => JSON.stringify({ ...a, cluster: i < 2 ? "belarus" : "oil" })).join("\n"));
    const { code, stdout } = await hilo(["eval", "--dataset", path]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\| all \| 3 \| 2 \| 2 \| 1\.000 \| 1\.000 \| 1\.000 \| 1\.000 \| 1\.000 \| 1\.000 \|/);
  });

  it("says which dataset file it could not read and exits non-zero", async () => {
    const { code, stderr } = await hilo(["eval", "--dataset", join(dir, "absent.jsonl")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot read the dataset .*absent\.jsonl/);
  });

  it("scores the bundled demo corpus: developments, distractors and actors", async () => {
    const { code, stdout } = await hilo(["eval", "--demo"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/distractors merged with another development: none/);
    expect(stdout).toMatch(/petróleo→Petro false links: 0/);
  });
});

describe("hilo digest and ingest", () => {
  it("prints the digest as JSON for scripts", async () => {
    const { code, stdout } = await hilo(["digest", "--since", "48h", "--lang", "en", "--json"]);
    expect(code).toBe(0);
    const reply = JSON.parse(stdout);
    expect(reply.kind).toBe("digest");
    expect(reply.digest.items.length).toBeGreaterThan(0);
  });

  it("rejects a language it does not speak", async () => {
    const { code, stderr } = await hilo(["digest", "--lang", "fr"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--lang must be es or en/);
  });

  it("reports a feed file it cannot read and one it cannot parse, and exits non-zero", async () => {
    const broken = join(dir, "broken.xml");
    writeFileSync(broken, "<rss><channel><item><title>cut");
    const { code, stdout, stderr } = await hilo(["ingest", join(dir, "nope.xml"), broken]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/nope\.xml: cannot read it/);
    expect(stdout).toMatch(/broken\.xml: failed: parse/);
  });

  it("shows usage for an unknown subcommand", async () => {
    const { code, stderr } = await hilo(["frob"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command "frob"[\s\S]*usage:/);
  });
});
