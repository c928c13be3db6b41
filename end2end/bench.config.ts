// Browser measurements (not tests): same server and Chromium as the
// end-to-end tests, desktop size only. Run with ./scripts/bench-browser.sh.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({
  ...base,
  testDir: './bench',
  timeout: 600_000,
  projects: [{ name: 'desktop', use: { viewport: { width: 1280, height: 800 } } }],
});
