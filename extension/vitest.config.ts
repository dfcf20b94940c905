import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// WxtVitest resolves WXT's aliases (#i18n, #imports) and provides an in-memory `browser` fake,
// so the extension's plain modules are unit-tested in Node without a browser.
export default defineConfig({
  plugins: [WxtVitest()],
  test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'] },
});
