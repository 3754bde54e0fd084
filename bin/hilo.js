#!/usr/bin/env node
// The installed `hilo` command: runs the TypeScript CLI through tsx, as `npm run hilo` does from a checkout.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
