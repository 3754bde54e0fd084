import { defineConfig } from "vitest/config";

// `npm run test:postgres`: the store suites again on a real PostgreSQL server started for the run (see
// test/postgres/global-setup.ts), and the tests of what only PostgreSQL does. It fails when no server can start.
export default defineConfig({
  test: {
    include: [
      "test/postgres/**/*.test.ts",
      "test/digest/store/**/*.test.ts",
      // The commands over the demo story, /search among them, answer the same from either database.
      "test/digest/commands/**/*.test.ts",
    ],
    // SQLite's own file handling: locks, WAL, files written by a newer Hilo.
    exclude: ["test/digest/store/open-database.test.ts", "test/digest/store/lock-database.test.ts"],
    globalSetup: ["test/postgres/global-setup.ts"],
    testTimeout: 60_000,
    // The demo story is filed statement by statement over loopback: several seconds on a loaded machine.
    hookTimeout: 60_000,
    maxWorkers: 2,
  },
});
