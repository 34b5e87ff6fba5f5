import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Platform tests bind loopback ports and time 3 s deadlines: keep files from starving each other.
    maxWorkers: 2,
  },
});
