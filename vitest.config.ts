import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Two projects. unit: happy-dom, WXT's fake browser, fake-indexeddb. intake: the reference intake
// server (intake/) in Node, against real storage back ends. Browser tests: tests/e2e/vitest.config.ts.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    restoreMocks: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts?(x)'],
          environment: 'happy-dom',
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
      {
        extends: true,
        test: {
          name: 'intake',
          include: ['tests/intake/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
});
