import { defineConfig } from '@playwright/test';

/**
 * The desktop app itself, through Playwright's Electron support: `npm run smoke:electron`. Its own config
 * and folder so neither `npm test` (playwright.config.ts reads tests/e2e) nor vitest picks it up; it needs
 * the Electron binary (`npm run fetch-electron`) and skips, saying so, where that is missing.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.smoke.ts',
  globalSetup: './globalSetup.ts',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../../test-results/smoke',
});
