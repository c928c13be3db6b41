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
      ],
    },
    trace: 'off',
  },
  // Every test runs at both sizes, except a few whose subject is not the
  // layout: the service worker and the network (phone only: the device that
  // goes offline), and what a drawn first screen hands to the app, reading
  // a workbook and the content security policy (desktop only), split so each project sheds about as much (about 35 s each of a
  // 10-minute run, session 36, to keep the test command inside CI's 30
  // minutes on two cores). PISHRO_E2E_EVERY_SIZE=1 runs every test at both.
  projects: [
    {
      name: 'phone',
      use: { viewport: { width: 360, height: 740 }, isMobile: false, hasTouch: true },
      grepInvert: everySize ? undefined : /drawn links still work as plain links|a file chosen before the app arrives|drawn goal standings the app cannot read|does not ask again for the goal standings it came with|a new rep's sign-up link is drawn|a prospect's first visit to a web form shows the form|an Excel workbook \(\.xlsx\) previews like a CSV|runs under its content security policy/,
    },
    {
      name: 'desktop',
      use: { viewport: { width: 1280, height: 800 } },
      grepInvert: everySize ? undefined : /can be installed: it has a manifest|a new deploy offers "Reload to update"|asks for its first rows while the app downloads|every screen opens offline: the service worker keeps|opening a screen loaded on demand fetches its module/,
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
