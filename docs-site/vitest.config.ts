import { defineConfig } from 'vitest/config';

// Unit tests for the islands' logic, the policy figures and the content rules; the browser tests live in test/e2e.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
  },
});
