import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const CORE = join(import.meta.dirname, "../../src/digest");
const ADAPTERS = join(import.meta.dirname, "../../src/adapters");
const SRC = join(import.meta.dirname, "../../src");
const EVAL = join(import.meta.dirname, "../../eval");
// The platforms' packages; the core speaks to them only through the adapters.
const PLATFORM = /^(grammy|@grammyjs\/|discord\.js|@discordjs\/)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

describe("the core's boundary", () => {
  it("imports nothing from grammY, discord.js or the adapters, however the import is written", () => {
    // TypeScript's own reading of each file's imports: multi-line, type-only, re-exports and import() alike.
    const offenders = sourceFiles(CORE).flatMap((file) =>
      ts
        .preProcessFile(readFileSync(file, "utf8"), true, true)
        .importedFiles.map((imported) => imported.fileName)
        .filter((name) => PLATFORM.test(name) || resolve(dirname(file), name).startsWith(ADAPTERS))
        .map((name) => `${file}: ${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it("never writes to the console itself", () => {
    const offenders = sourceFiles(CORE).filter((file) =>
      /\bconsole\.(log|error|warn|info)\(|process\.(stdout|stderr)\.write/.test(readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});

describe("the bot's boundary with its evaluation", () => {
  it("never imports eval/, so neither dist/ nor the image carries it (hilo eval loads it by a computed path)", () => {
    const offenders = sourceFiles(SRC).flatMap((file) =>
      ts
        .preProcessFile(readFileSync(file, "utf8"), true, true)
        .importedFiles.map((imported) => imported.fileName)
        .filter((name) => name.startsWith(".") && resolve(dirname(file), name).startsWith(EVAL))
        .map((name) => `${file}: ${name}`),
    );
    expect(offenders).toEqual([]);
  });
});
