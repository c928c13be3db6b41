// Once loaded, Pishro opens with no network: the service worker serves the
// app shell, and the app starts as the last signed-in person.
import { expect, test } from './fixtures';
import fs from 'node:fs';
import path from 'node:path';
import { createLead, expectSignedInAs, navigationLink, openFromNavigation, openSyncPanel, signIn, syncIndicator, syncNow, uniqueName, waitForSync } from './helpers';

test('after one visit the app opens offline as the last signed-in rep', { tag: '@desktop-only' }, async ({ page, context }) => {
  await signIn(page, 'rep1@pishro.local');
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 20_000 });
  await waitForSync(page);
  await openFromNavigation(page, 'Leads');
  // The list draws from the cache a moment after the screen opens.
  await expect(page.getByRole('list', { name: 'Leads' }).getByRole('link').first()).toBeVisible();
  const cachedLeads = await page.getByRole('list', { name: 'Leads' }).getByRole('link').allTextContents();
  expect(cachedLeads.length).toBeGreaterThan(0);

  await context.setOffline(true);
  // A query string no cache has seen: only the service worker can answer this.
  await page.goto(`/leads?offline-check=${Date.now()}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  await expectSignedInAs(page, 'Sara Rep');
  await expect(syncIndicator(page)).toContainText('Offline');
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  // The leads come from the device's cache, the same as online.
  await expect(page.getByRole('list', { name: 'Leads' }).getByRole('link')).toHaveText(cachedLeads);
  await expect((await openSyncPanel(page)).getByRole('button', { name: 'Sync now', exact: true })).toBeDisabled();

  await context.setOffline(false);
  await expect(syncIndicator(page)).not.toContainText('Offline');
  await expect(await openSyncPanel(page)).toContainText('Online');
  await page.reload();
  await expect(page.getByRole('list', { name: 'Leads' })).toBeVisible();
});

test('the app can be installed: it has a manifest with a name, icons and standalone display', { tag: '@phone-only' }, async ({ page, request }) => {
  await page.goto('/signin');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('/manifest.webmanifest');
  const manifest = await (await request.get(href!)).json();
  expect(manifest.name).toContain('Pishro');
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.length).toBeGreaterThan(0);
  expect(manifest.theme_color).toBe('#0b5d4b');
});

test('a new deploy offers "Reload to update", and unsent changes survive the update', { tag: '@phone-only' }, async ({ page }) => {
  // The deploy is simulated by changing the served service worker script.
  // The run's own copy of the site (PISHRO_E2E_SITE_DIR, relative to end2end/).
  const workerFile = path.resolve(__dirname, '..', process.env.PISHRO_E2E_SITE_DIR ?? '../site', 'sw.js');
  const deployed = fs.readFileSync(workerFile, 'utf8');
  try {
    await signIn(page, 'rep1@pishro.local');
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 20_000 });
    await waitForSync(page);
    // The server cannot be reached for pushes, so a change stays unsent.
    await page.route('**/api/sync/push', (route) => route.abort('internetdisconnected'));
    const leadName = uniqueName('Saved before the update');
    await createLead(page, leadName);
    await expect(page.getByTestId('pending-count')).toHaveText('1');

    fs.writeFileSync(workerFile, `${deployed}\n// deploy ${Date.now()}\n`);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const banner = page.getByRole('status').filter({ hasText: 'A new version of Pishro is ready.' });
    await expect(banner).toBeVisible({ timeout: 20_000 });
    // Waited for from before the tap: the reload can be over before a
    // wait started after it (a flaky run in session 29).
    const reloaded = page.waitForEvent('load');
    await banner.getByRole('button', { name: 'Reload to update' }).click();
    await reloaded;
    await expect(page.getByRole('heading', { level: 1, name: leadName, exact: true })).toBeVisible();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(leadName);
    await expect(page.getByTestId('pending-count')).toHaveText('1');
    await expect(banner).toBeHidden();

    await page.unroute('**/api/sync/push');
    await syncNow(page);
    await expect(page.getByTestId('pending-count')).toHaveText('0');
  } finally {
    fs.writeFileSync(workerFile, deployed);
  }
});

test('a first visit asks for its first rows while the app downloads, and keeps using that client id', { tag: '@phone-only' }, async ({ page }) => {
  const signedIn = await page.request.post('/api/auth/sign_in', {
    data: { email: 'rep1@pishro.local', password: 'pishro-demo' },
  });
  expect(signedIn.ok()).toBe(true);
  const pulls: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/sync/pull')) pulls.push(JSON.parse(request.postData() ?? '{}').request.client_id);
  });
  await page.goto('/leads');
  await expect(page.getByRole('list', { name: 'Leads' }).getByRole('link').first()).toBeVisible();
  await waitForSync(page);
  const stored = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((name) => name.startsWith('pishro.sync.') && name.endsWith('.outbox'))!;
    return JSON.parse(localStorage.getItem(key)!).client_id as string;
  });
  expect(pulls.length).toBeGreaterThan(0);
  expect(new Set(pulls)).toEqual(new Set([stored]));
});

test('a rep\'s first screen paints before any other screen\'s code is fetched; then every screen is stored', { tag: '@desktop-only' }, async ({ page }) => {
  const screenModules: string[] = [];
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname;
    if (/^\/pkg\/(split_|chunk_).*\.wasm$/.test(name)) screenModules.push(name);
  });
  await signIn(page, 'rep1@pishro.local');
  await expect(page.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible();
  expect(screenModules).toEqual([]);

  // Soon after, the app loads the other screens' modules, and says so.
  await page.waitForSelector('html[data-screens-stored="true"]', { state: 'attached' });
  for (const module of ['split_work_screens', 'split_team_screens', 'split_dashboard_screen', 'split_sync_notices']) {
    expect(screenModules).toContain(`/pkg/${module}.wasm`);
  }
  await expect(await openSyncPanel(page)).toContainText('Every screen is stored on this device and opens offline.');
});

test('after one visit every screen opens offline: the service worker keeps each screen\'s code', { tag: '@phone-only' }, async ({ page, context }) => {
  await signIn(page, 'admin@pishro.local');
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 20_000 });
  // The worker is active once every file of the app, every screen's chunk
  // included, is in its cache.
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const cache = await caches.open(names.find((name) => name.startsWith('pishro-shell-'))!);
    return (await cache.keys()).map((request) => new URL(request.url).pathname);
  });
  for (const module of ['split_work_screens', 'split_team_screens', 'split_dashboard_screen', 'split_sync_notices']) {
    expect(cached).toContain(`/pkg/${module}.wasm`);
  }
  expect(cached.filter((name) => name.startsWith('/pkg/chunk_')).length).toBeGreaterThan(0);

  await context.setOffline(true);
  const screens: [string, string][] = [
    ['/today', 'My day'], ['/dashboard', 'Dashboard'], ['/pipeline', 'Pipeline'], ['/leads', 'Leads'],
    ['/leads/new', 'New lead'], ['/leads/import', 'Import leads'], ['/activities', 'Activities'],
    ['/activities/new', 'Log activity'], ['/goals', 'Goals'], ['/goals/new', 'New goal'], ['/pay', 'Pay'],
    ['/reports', 'Reports'], ['/team-days', 'Working days and holidays'], ['/records', 'Records'],
    ['/records/new', 'New record'], ['/people', 'People'], ['/people/new', 'New person'], ['/teams/new', 'New team'],
  ];
  for (const [address, title] of screens) {
    await page.goto(address);
    await expect(page.getByRole('heading', { level: 1, name: title, exact: true })).toBeVisible();
  }
  await expect(syncIndicator(page)).toContainText('Offline');
});

test.describe('with no service worker', () => {
  test.use({ serviceWorkers: 'block' });

  test('a screen whose code cannot be fetched says so, keeps the app running, and opens once it can', { tag: '@desktop-only' }, async ({ page }) => {
    // As a phone that lost its signal before the app had stored its screens.
    await page.route('**/pkg/split_work_screens.wasm', (route) => route.abort('internetdisconnected'));
    await signIn(page, 'rep1@pishro.local');
    await (await navigationLink(page, 'Leads')).click();
    await expect(page.getByRole('heading', { level: 1, name: 'This screen is not on this device yet' })).toBeVisible();
    // The app still runs: My day opens from the first load.
    await openFromNavigation(page, 'My day');
    await expect(page.locator('html')).toHaveAttribute('data-screens-stored', 'false', { timeout: 20_000 });
    await expect(await openSyncPanel(page)).toContainText('Some screens are not stored on this device yet');
    await (await navigationLink(page, 'Leads')).click();
    const notStored = page.getByRole('heading', { level: 1, name: 'This screen is not on this device yet' });
    await expect(notStored).toBeVisible();

    await page.unroute('**/pkg/split_work_screens.wasm');
    await page.getByRole('button', { name: 'Try again', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  });

  // The notices that ask the person something (refused changes, leads that
  // came to them, possible duplicates, overwritten values) are drawn by a
  // module of their own, fetched the first time one shows.
  test('sync notices whose code cannot be fetched say so, keep them, and show them once it can', { tag: '@desktop-only' }, async ({ page }) => {
    await page.route('**/pkg/split_sync_notices.wasm', (route) => route.abort('internetdisconnected'));
    await signIn(page, 'rep1@pishro.local');
    const name = uniqueName('Twin customer');
    const phone = `0918 ${10_000 + Math.floor(Math.random() * 89_000)} 78`;
    await createLead(page, name, { phone });
    await createLead(page, `${name} again`, { phone });
    await waitForSync(page);
    const notStored = page.getByRole('alert').filter({ hasText: 'Sync has notices for you that this device cannot show yet' });
    await expect(notStored).toBeVisible();
    await expect(notStored).toContainText('Your work is safe');

    await page.unroute('**/pkg/split_sync_notices.wasm');
    await notStored.getByRole('button', { name: 'Try again', exact: true }).click();
    await expect(page.getByText(`“${name} again” may be a duplicate: Sara Rep already has “${name}” with the same phone.`)).toBeVisible({ timeout: 20_000 });
    await expect(notStored).toHaveCount(0);
  });
});

test('opening a screen loaded on demand fetches its module beside the main one, and the fetch uses it', { tag: '@phone-only' }, async ({ page }) => {
  const preloadWarnings: string[] = [];
  page.on('console', (message) => {
    if (/preload/i.test(message.text())) preloadWarnings.push(message.text());
  });
  const preloaded = () => page.locator('link[rel="preload"][as="fetch"]').evaluateAll((links) => links.map((link) => new URL((link as HTMLLinkElement).href).pathname));
  await signIn(page, 'manager@pishro.local');
  // A manager's home is the dashboard: its module comes once /api/auth/me has answered.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  // Added once that answer is in, which may be after the screen has drawn.
  await expect.poll(preloaded).toContain('/pkg/split_dashboard_screen.wasm');
  await page.goto('/leads');
  await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  expect(await preloaded()).toContain('/pkg/split_work_screens.wasm');
  expect(await preloaded()).not.toContain('/pkg/split_team_screens.wasm');
  // Chromium warns when a preloaded file goes unused a few seconds after the
  // load, or when the fetch that wants it does not match it.
  await page.waitForTimeout(3500);
  expect(preloadWarnings).toEqual([]);
  await page.goto('/reports');
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  expect(await preloaded()).toContain('/pkg/split_team_screens.wasm');
  await page.goto('/today');
  await expect(page.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible();
  expect((await preloaded()).filter((name) => name.startsWith('/pkg/split_'))).toEqual([]);
});
