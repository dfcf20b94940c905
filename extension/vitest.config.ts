import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// WxtVitest resolves WXT's aliases (#i18n, #imports) and provides an in-memory `browser` fake,
// so the extension's plain modules are unit-tested in Node without a browser.
export default defineConfig({
  plugins: [WxtVitest()],
  // The vault writer's tests derive real argon2id keys (the 19 MiB floor) many times over: the timeout is a safety
  // net for a busy machine, not a speed target (speed lives in `pnpm bench`).
  test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'], testTimeout: 60_000 },
});
