import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Three projects. unit: fast (`npm run test:unit`, under two minutes), happy-dom, WXT's fake
// browser, fake-indexeddb. slow: the same kind of tests over heavy inputs (catalogues of 100 MB,
// bundles of hundreds of MiB or 70,000 entries, a crash at every await point, the command-line
// tools run as processes); their memory bounds are measured after a full collection
// (tests/support/memory.ts). intake: the reference intake server (intake/) in Node, against real
// storage back ends. `npm test` runs all three. Browser tests: tests/e2e/vitest.config.ts.
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
          name: 'slow',
          include: ['tests/slow/**/*.test.ts?(x)'],
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
