import { defineConfig } from 'vitest/config';

// The Firefox build in real Firefox (firefox-esr over WebDriver BiDi; run `npm run build:firefox` first: npm test does).
export default defineConfig({
  test: {
    include: ['test/firefox/**/*.firefox.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
