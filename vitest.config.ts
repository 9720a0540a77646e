import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure core and integration tests with fake browser APIs) and `e2e`
 * (the built extension in real Chromium). `npm test` runs both through scripts/test.mjs.
 */
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.{ts,tsx}'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser at a time (the managed-policy file is machine-wide), after the unit
          // tests have finished, so they do not compete for the CPU.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
