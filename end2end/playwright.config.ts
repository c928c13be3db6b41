// Playwright runs Pishro's real server (built by scripts/test.sh) on a free
// port with a fresh SQLite file and demo data, and drives the real app in
// Debian's Chromium (browser downloads do not work on our machines).
import { defineConfig } from '@playwright/test';

const port = process.env.PISHRO_E2E_PORT ?? '3100';
const dataDir = process.env.PISHRO_E2E_DATA_DIR ?? '/tmp';
// The built app the server serves: a copy of its own per run (scripts/tools.sh),
// since a test rewrites sw.js to play a new deploy.
const siteDir = process.env.PISHRO_E2E_SITE_DIR ?? '../site';
// PISHRO_E2E_EVERY_SIZE=1: every test at both sizes (see `projects`).
const everySize = process.env.PISHRO_E2E_EVERY_SIZE === '1';

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // One retry: a test that fails twice fails the run; one that passes on
  // the retry is listed as flaky in the output (the kudos step of
  // goals_and_pay.spec.ts failed once in session 8 and passed on re-run;
  // see the session 8 note) and must be fixed, not left.
  retries: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // PISHRO_CHROMIUM_ARGS: more flags for a measurement (space-separated),
        // e.g. `--js-flags=--no-wasm-lazy-compilation` (BENCHMARKS, session 44).
        ...(process.env.PISHRO_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean),
      ],
    },
    trace: 'off',
  },
  // A test runs at both sizes when its subject is the layout: the
  // navigation and fixed bars, a first visit that must not move as its
  // parts arrive (each screen's own check at one size, in turns), a drawn
  // screen the app takes over in place, right to left. Every other test
  // runs at one size, tagged `@phone-only` or
  // `@desktop-only`: the service worker and the network on the phone (the
  // device that goes offline), what a drawn first screen hands to the app
  // on the desktop, and the rest of the scenarios shared so that the two
  // projects, which run side by side, take about as long (7 min each
  // instead of 11.8: the test command must stay inside CI's 30 minutes on
  // two cores, session 37). PISHRO_E2E_EVERY_SIZE=1 runs every test at both.
  projects: [
    {
      name: 'phone',
      use: { viewport: { width: 360, height: 740 }, isMobile: false, hasTouch: true },
      grepInvert: everySize ? undefined : /@desktop-only/,
    },
    {
      name: 'desktop',
      use: { viewport: { width: 1280, height: 800 } },
      grepInvert: everySize ? undefined : /@phone-only/,
    },
  ],
  webServer: {
    command: '../target/debug/pishro',
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    env: {
      PISHRO_ADDRESS: `127.0.0.1:${port}`,
      PISHRO_DATABASE_URL: `sqlite:${dataDir}/pishro-e2e.db`,
      PISHRO_SITE_DIR: siteDir,
      PISHRO_DEMO_DATA: '1',
      // Every browser test posts web forms from this one machine.
      PISHRO_WEB_FORM_SUBMISSIONS_PER_ADDRESS: '1000',
      RUST_LOG: 'warn',
    },
  },
});
