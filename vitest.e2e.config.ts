import { defineConfig } from 'vitest/config';

// Browser tests with the built extension loaded in real Chromium (run `vite build` first: npm test does).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts', 'test/hostile/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
