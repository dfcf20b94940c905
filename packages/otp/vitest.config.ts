import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The property and fuzz tests take ~1 s on a quiet machine; on a shared 2-core CI box under load they
    // can pass 5 s (Vitest's default) without anything being wrong.
    testTimeout: 30_000,
  },
});
