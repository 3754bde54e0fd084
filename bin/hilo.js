#!/usr/bin/env node
// The installed `hilo` command: the compiled CLI (dist/, from `npm run build`) when there is one, as in the Docker
// image; else the TypeScript through tsx, as `npm run hilo` runs it from a checkout.
import { existsSync } from "node:fs";

const compiled = new URL("../dist/cli.js", import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli.ts");
}
