// Pishro's core promise: a rep works with no network (a reload included),
// and when the network returns everything reaches the server exactly once;
// nothing typed is lost, nothing is pushed by the wrong person, and a value
// someone else overwrote is shown with a one-click restore.
import { expect, test } from './fixtures';
import { type Page } from '@playwright/test';
import {
  createLead,
  DEMO_PASSWORD,
  logActivityOnLead,
  openFromNavigation,
  editLead,
  signIn,
  signOut,
  syncIndicator,
  syncNow,
  uniqueName,
  waitForSync,
  goOffline,
} from './helpers';

async function waitForServiceWorker(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 20_000 });
}

function pending(page: Page) {
  return page.getByTestId('pending-count');
}

test('offline: a lead and two activities survive a reload and reach the manager once the rep is online', { tag: '@desktop-only' }, async ({ page, context, browser }) => {
  const leadName = uniqueName('Offline Tile Co');
  const callNotes = uniqueName('Called from the car park');
  const meetingNotes = uniqueName('Met at their showroom');

  await signIn(page, 'rep1@pishro.local');
  await waitForServiceWorker(page);
  await waitForSync(page);

  await goOffline(page);
  await expect(syncIndicator(page)).toContainText('Offline');
  const leadUrl = await createLead(page, leadName, { phone: '09121234567' });
  await expect(page.getByRole('status').filter({ hasText: 'Not synced yet' })).toBeVisible();
  await logActivityOnLead(page, 'call', callNotes);
  await logActivityOnLead(page, 'meeting', meetingNotes);
  await expect(pending(page)).toHaveText('3');

  // Reload with no network: the shell comes from the service worker, the
  // lead, its activities and the outbox from the device's storage.
  await page.reload();
  expect(page.url()).toBe(leadUrl);
  await expect(page.getByRole('heading', { level: 1, name: leadName, exact: true })).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(leadName);
  await expect(page.getByText(callNotes)).toBeVisible();
  await expect(page.getByText(meetingNotes)).toBeVisible();
  await expect(pending(page)).toHaveText('3');

  await context.setOffline(false);
  await expect(pending(page)).toHaveText('0', { timeout: 20_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Not synced yet' })).toHaveCount(0);

  // The manager, on another device, sees exactly one lead and two activities.
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, 'manager@pishro.local');
  await waitForSync(manager);
  await openFromNavigation(manager, 'Leads');
  await expect(manager.getByRole('link', { name: leadName, exact: true })).toHaveCount(1);
  await manager.getByRole('link', { name: leadName, exact: true }).click();
  await expect(manager.getByLabel('Phone', { exact: true })).toHaveValue('09121234567');
  await expect(manager.getByText(callNotes)).toHaveCount(1);
  await expect(manager.getByText(meetingNotes)).toHaveCount(1);
  await managerContext.close();
});

test('two tabs keep separate outboxes, and a tab closed offline has its work sent by the other', { tag: '@phone-only' }, async ({ context }) => {
  const first = await context.newPage();
  await signIn(first, 'rep1@pishro.local');
  await waitForSync(first);
  const second = await context.newPage();
  await second.goto('/leads');
  await waitForSync(second);

  await goOffline(first, second);
  const fromFirst = uniqueName('First tab lead');
  const fromSecond = uniqueName('Second tab lead');
  await createLead(first, fromFirst);
  await createLead(second, fromSecond);
  await expect(pending(first)).toHaveText('1');
  await expect(pending(second)).toHaveText('1');
  // Each tab writes its own slot: two outboxes, one change each. The first
  // tab reads its own copy of local storage, which Chromium updates with
  // the second tab's write a moment later (a read at once saw [0, 1] in CI).
  await expect
    .poll(() =>
      first.evaluate(() =>
        Object.keys(localStorage)
          .filter((key) => key.startsWith('pishro.sync.') && key.endsWith('.outbox'))
          .map((key) => JSON.parse(localStorage.getItem(key)!).outbox.pending.length)
          .sort(),
      ),
    )
    .toEqual([1, 1]);

  // The second tab closes before the network returns; its work is not lost.
  await second.close();
  await context.setOffline(false);
  await expect(pending(first)).toHaveText('0', { timeout: 20_000 });
  await syncNow(first);
  await openFromNavigation(first, 'Leads');
  await expect(first.getByRole('link', { name: fromFirst, exact: true })).toHaveCount(1);
  await expect(first.getByRole('link', { name: fromSecond, exact: true })).toHaveCount(1, { timeout: 20_000 });
  const left = await first.evaluate(() =>
    Object.keys(localStorage).filter((key) => key.startsWith('pishro.sync.') && key.endsWith('.outbox')).length,
  );
  expect(left).toBe(1);
});

test("signing out with unsynced work warns; another person never sends it; it syncs when its owner returns", { tag: '@desktop-only' }, async ({ page, context, browser }) => {
  const leadName = uniqueName('Kept for Sara');
  await signIn(page, 'rep1@pishro.local');
  await waitForServiceWorker(page);
  await waitForSync(page);
  await goOffline(page);
  await createLead(page, leadName);
  await expect(pending(page)).toHaveText('1');

  let question = '';
  page.once('dialog', (dialog) => {
    question = dialog.message();
    void dialog.accept();
  });
  await signOut(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Pishro' })).toBeVisible();
  expect(question).toContain('not synced yet');
  // The next person on this device cannot read Sara's synced data; her unsent work stays.
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('pishro.sync.')));
  expect(stored.filter((key) => key.endsWith('.outbox'))).toHaveLength(1);
  expect(stored.filter((key) => key.endsWith('.cache'))).toHaveLength(0);
  await context.setOffline(false);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'unsynced change(s) by Sara Rep' })).toBeVisible();

  // The manager signs in on this device: Sara's outbox is not theirs to send.
  await page.getByLabel('Email', { exact: true }).fill('manager@pishro.local');
  await page.getByLabel('Password', { exact: true }).fill('pishro-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await waitForSync(page);
  await openFromNavigation(page, 'Leads');
  await expect(page.getByRole('link', { name: leadName, exact: true })).toHaveCount(0);
  page.once('dialog', (dialog) => void dialog.dismiss());
  await signOut(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Pishro' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'unsynced change(s) by Sara Rep' })).toBeVisible();

  // Sara comes back: her change goes out, and the manager can see it.
  await page.getByLabel('Email', { exact: true }).fill('rep1@pishro.local');
  await page.getByLabel('Password', { exact: true }).fill('pishro-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await waitForSync(page);
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, 'manager@pishro.local');
  await waitForSync(manager);
  await openFromNavigation(manager, 'Leads');
  await expect(manager.getByRole('link', { name: leadName, exact: true })).toHaveCount(1);
  await managerContext.close();
});

test('a value overwritten by a later sync is shown with both values and restored in one click', { tag: '@phone-only' }, async ({ page, context, browser }) => {
  const leadName = uniqueName('Contested Co');
  await signIn(page, 'rep1@pishro.local');
  const leadUrl = await createLead(page, leadName, { value: '1000' });
  await waitForSync(page);

  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, 'manager@pishro.local');
  await waitForSync(manager);

  // The rep edits offline from the value they saw (1000)...
  await goOffline(page);
  await editLead(page);
  await page.getByLabel('Estimated value', { exact: true }).fill('2000');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(pending(page)).toHaveText('1');

  // ...while the manager, online, sets it to 2500.
  await manager.goto(leadUrl);
  await expect(manager.getByLabel('Name', { exact: true })).toHaveValue(leadName);
  await editLead(manager);
  await manager.getByLabel('Estimated value', { exact: true }).fill('2500');
  await manager.getByRole('button', { name: 'Save', exact: true }).click();
  await waitForSync(manager);

  // The rep's push comes later and wins; the manager's value is not lost.
  await context.setOffline(false);
  await expect(pending(page)).toHaveText('0', { timeout: 20_000 });
  await syncNow(manager);
  const notice = manager.getByRole('alert').filter({ hasText: leadName });
  await expect(notice).toContainText('Sara Rep changed Estimated value');
  await expect(notice).toContainText('“2000”');
  await expect(notice).toContainText('Your value was “2500”');

  // The same notice reaches the manager's next first visit with the first
  // sync round, after the screen is drawn: it shows at the foot of the
  // screen and moves nothing (above the page it pushed it down 90 px).
  const laterVisit = await browser.newContext();
  const signedIn = await laterVisit.request.post('/api/auth/sign_in', {
    data: { email: 'manager@pishro.local', password: DEMO_PASSWORD },
    headers: { 'x-pishro-client': '1' },
  });
  expect(signedIn.ok()).toBeTruthy();
  const firstVisit = await laterVisit.newPage();
  await firstVisit.addInitScript(() => {
    const seen = window as unknown as { shifts: string[] };
    seen.shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] }[]) {
        if (entry.hadRecentInput) continue;
        const moved = (entry.sources ?? []).map((source) => (source.node instanceof Element ? source.node : source.node?.parentElement)?.className ?? 'text');
        seen.shifts.push(`${entry.value.toFixed(4)} ${moved.join(', ')}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await firstVisit.goto('/');
  await expect(firstVisit.locator('html[data-drawn]')).toBeAttached();
  const laterNotice = firstVisit.getByRole('alert').filter({ hasText: leadName });
  await expect(laterNotice).toBeVisible({ timeout: 20_000 });
  await expect(firstVisit.locator('#first-screen')).not.toBeAttached();
  // After the page in the document, and in sight without scrolling.
  expect(await laterNotice.evaluate((element) => {
    const main = document.getElementById('main');
    return !!main && !!(main.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) && !main.contains(element);
  })).toBe(true);
  await expect(laterNotice).toBeInViewport();
  // A control under the tray (and a phone's tab bar) is scrolled clear of
  // them when it takes focus: the page's scroll padding is the tray's
  // measured height. Without it the browser counts the control as in view
  // (it is inside the window) and leaves it covered.
  await expect
    .poll(() => firstVisit.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--notice-tray-height')))
    .toMatch(/^[1-9]\d*px$/);
  const focused = await firstVisit.evaluate(() => {
    window.scrollTo(0, 0);
    const below = [...document.querySelectorAll<HTMLElement>('#main a[href], #main button, #main input, #main select')]
      .find((control) => control.getBoundingClientRect().top > window.innerHeight);
    if (!below) return 'no control below the fold';
    const box = below.getBoundingClientRect();
    window.scrollTo(0, box.bottom - window.innerHeight + 2);
    const trayTop = () => document.querySelector('.notice-tray')!.getBoundingClientRect().top;
    if (below.getBoundingClientRect().bottom <= trayTop()) return 'the control was not under the tray to begin with';
    below.focus();
    const bottom = below.getBoundingClientRect().bottom;
    return bottom <= trayTop() + 0.5 ? 'clear of the tray' : `${below.textContent}: its bottom ${bottom} is under the tray's top ${trayTop()}`;
  });
  expect(focused).toBe('clear of the tray');
  await firstVisit.evaluate(() => window.scrollTo(0, 0));
  const shifts = await firstVisit.evaluate(() => (window as unknown as { shifts: string[] }).shifts);
  expect(shifts.reduce((sum, shift) => sum + parseFloat(shift), 0), shifts.join('\n')).toBeLessThan(0.005);
  await laterVisit.close();

  await notice.getByRole('button', { name: 'Restore my value', exact: true }).click();
  await expect(notice).toHaveCount(0);
  await waitForSync(manager);

  await syncNow(page);
  await expect(pending(page)).toHaveText('0');
  // The restore replaced the rep's value knowingly: no notice for the rep
  // (one came when the manager's device restored from the value it still
  // showed, before the rep's change had reached it).
  await expect(page.getByRole('alert').filter({ hasText: leadName })).toHaveCount(0);
  await page.goto('/leads');
  await page.getByRole('link', { name: leadName, exact: true }).click();
  await expect(page.getByLabel('Estimated value', { exact: true })).toHaveValue(/^2,?500(\.00)?$/);
  await managerContext.close();
});

test('a full device storage drops synced rows first, says so, and never drops or fakes a save', { tag: '@phone-only' }, async ({ page }) => {
  await signIn(page, 'rep1@pishro.local');
  await waitForSync(page);
  // The pulled rows are in storage (so there is something to drop for room).
  await expect
    .poll(() => page.evaluate(() => Object.keys(localStorage).some((key) => key.startsWith('pishro.sync.') && key.endsWith('.cache'))))
    .toBe(true);
  // Fill the rest of this origin's storage with something else.
  const filler = await page.evaluate(() => {
    let low = 0;
    let high = 32 * 1024 * 1024;
    while (low < high) {
      const size = Math.ceil((low + high) / 2);
      try {
        localStorage.setItem('other.app.data', 'x'.repeat(size));
        low = size;
      } catch {
        high = size - 1;
      }
    }
    localStorage.setItem('other.app.data', 'x'.repeat(low));
    return low;
  });
  expect(filler).toBeGreaterThan(0);

  // A save still works: the synced rows make room for the outbox.
  const leadName = uniqueName('Saved on a full phone');
  try {
    await createLead(page, leadName);
  } catch (error) {
    // This step failed on the first attempt now and then (session 11): say
    // what the storage held, so the cause can be found from the log.
    const held = await page.evaluate(() => Object.keys(localStorage).map((key) => `${key}: ${localStorage.getItem(key)?.length}`));
    throw new Error(`${error}\nlocalStorage held:\n${held.join('\n')}`);
  }
  await expect(pending(page)).toHaveText('0', { timeout: 20_000 });
  await expect(page.getByRole('status').filter({ hasText: "storage was full" })).toBeVisible();
  await openFromNavigation(page, 'Leads');
  await expect(page.getByRole('link', { name: leadName, exact: true })).toBeVisible();
  // Figures counted on this device say they may be low now.
  await openFromNavigation(page, 'Goals');
  await expect(page.getByTestId('counted-after-eviction').first()).toContainText('may be lower than the server');
  await openFromNavigation(page, 'Leads');

  // With no room at all (nothing left that the server could give again),
  // the form says the change was not saved and keeps it.
  await page.evaluate(() => {
    const fetchable = ['pishro.report.', 'pishro.dashboard.', 'pishro.leaderboard.', 'pishro.teammates.', 'pishro.events.'];
    for (const key of Object.keys(localStorage)) {
      if ((key.startsWith('pishro.sync.') && key.endsWith('.cache')) || fetchable.some((prefix) => key.startsWith(prefix))) {
        localStorage.removeItem(key);
      }
    }
    let size = Number(localStorage.getItem('other.app.data')?.length ?? 0);
    for (let step = 1 << 20; step >= 1; step >>= 1) {
      try {
        localStorage.setItem('other.app.data', 'x'.repeat(size + step));
        size += step;
      } catch {
        // too big: try a smaller step
      }
    }
  });
  await page.getByRole('button', { name: 'New lead', exact: true }).click();
  const unsaved = uniqueName('Not saved yet');
  await page.getByLabel('Name', { exact: true }).fill(unsaved);
  await page.getByLabel('Estimated value', { exact: true }).fill('10');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  // (Only this alert: a sync notice of an earlier test may be on the screen too.)
  await expect(page.getByRole('alert').filter({ hasText: 'storage is full' }))
    .toContainText("This device's storage is full. The change was not saved");
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(unsaved);
  await expect(pending(page)).toHaveText('0');
  await page.evaluate(() => localStorage.removeItem('other.app.data'));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: unsaved, exact: true })).toBeVisible();
});
