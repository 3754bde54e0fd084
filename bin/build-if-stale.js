#!/usr/bin/env node
// Compiles src/ into dist/ (tsconfig.build.json) when a source file is newer than the last build, so `npm start`
// runs compiled JavaScript and pays for tsc only after a change.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const stamp = join(root, "dist", ".tsbuildinfo");

function newestChange(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const inputs = Math.max(
  newestChange(join(root, "src")),
  statSync(join(root, "tsconfig.json")).mtimeMs,
  statSync(join(root, "tsconfig.build.json")).mtimeMs,
);
if (!existsSync(stamp) || statSync(stamp).mtimeMs < inputs) {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const built = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  process.exitCode = built.status ?? 1;
  // tsc leaves its build info untouched when nothing it emits changed: the stamp says this check is done.
  if (built.status === 0) utimesSync(stamp, new Date(), new Date());
}
