import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// End-to-end tests drive real Chromium and Firefox with the built extension (`npm run build`
// first). Browsers are heavy: one test file at a time.
export default defineConfig({
  resolve: { alias: { '@': resolve(import.meta.dirname, '../..') } },
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
