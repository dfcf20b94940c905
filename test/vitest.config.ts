import { defineConfig } from 'vitest/config';

// One browser at a time: the machines have two cores, and each suite starts its own Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
