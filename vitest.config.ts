import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Those need the PostgreSQL server `npm run test:postgres` starts (vitest.postgres.config.ts).
    exclude: [...configDefaults.exclude, "test/postgres/**"],
    testTimeout: 20_000,
    // The console end-to-end tests start child processes; two cores are all CI has.
    maxWorkers: 2,
  },
});
