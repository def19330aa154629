import { defineConfig } from 'vitest/config';

// Unit tests (pure engine, node) and browser fixture tests (engine in real Chromium, no extension).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
