import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    // The console end-to-end tests start child processes; two cores are all CI has.
    maxWorkers: 2,
  },
});
