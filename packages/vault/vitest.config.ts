import { defineConfig } from 'vitest/config';

// Key derivation runs for real here (argon2id at the vault's floors and defaults, scrypt): on a busy 2-core machine
// one derivation can pass vitest's 5 s default. The timeout is a safety net, not a speed target; speed lives in the
// benchmarks (`pnpm bench`).
export default defineConfig({
  test: { testTimeout: 60_000 },
});
