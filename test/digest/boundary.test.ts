import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CORE = join(import.meta.dirname, "../../src/digest");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

describe("the core's boundary", () => {
  it("imports nothing from grammY, discord.js or the adapters", () => {
    const offenders = sourceFiles(CORE).flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => /^\s*(import|export)\b.*from\s+["'](grammy|@grammyjs\/|discord\.js|.*adapters\/)/.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it("never writes to the console itself", () => {
    const offenders = sourceFiles(CORE).filter((file) => /\bconsole\.(log|error|warn|info)\(|process\.(stdout|stderr)\.write/.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });
});
