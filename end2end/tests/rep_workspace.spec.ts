// The rep's workspace, offline from start to finish: a new lead goes
// through the pipeline board to won (with the amount), a call is logged with
// a follow-up task, the follow-up is completed; after reconnecting the server
// holds exactly those records. Runs at 360 px (Move menu) and 1280 px (drag).
import { expect, test } from './fixtures';
import { type Page } from '@playwright/test';
import { createLead, openFromNavigation, signIn, uniqueName, waitForSync, goOffline, switchLanguage } from './helpers';

/** The board column of one stage. */
function column(page: Page, stage: string) {
  return page.getByRole('region', { name: stage, exact: true });
}

/** Moves a lead's card with its Move menu (the touch and keyboard way). */
async function moveWithMenu(page: Page, leadName: string, stage: string) {
  const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: leadName, exact: true }) });
  await card.getByRole('button', { name: 'Move', exact: true }).click();
  await card.getByRole('group', { name: `Move “${leadName}” to` }).getByRole('button', { name: stage, exact: true }).click();
}

test('offline, a rep takes a lead to won on the board, logs a call with a follow-up and completes it; the server gets exactly that', { tag: '@desktop-only' }, async ({ page, context }, testInfo) => {
  const name = uniqueName('Board deal');
  const phone = `0912${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  await signIn(page, 'rep1@pishro.local');
  await expect(page.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible();
  await waitForSync(page);
  await goOffline(page);

  await createLead(page, name, { phone, value: '1500' });
  await openFromNavigation(page, 'Pipeline');
  await expect(column(page, 'New').getByRole('link', { name, exact: true })).toBeVisible();

  // A move is undoable.
  await moveWithMenu(page, name, 'Contacted');
  await expect(column(page, 'Contacted').getByRole('link', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Moved “${name}” to Contacted.` })).toBeVisible();
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(column(page, 'New').getByRole('link', { name, exact: true })).toBeVisible();

  // Desktop drags the card; touch uses the menu.
  if (testInfo.project.name === 'desktop') {
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
    // Picked up by its edge (not the link or the Move button), dropped on the column's head.
    await card.dragTo(column(page, 'Qualified'), { sourcePosition: { x: 4, y: 4 }, targetPosition: { x: 30, y: 12 } });
  } else {
    await moveWithMenu(page, name, 'Qualified');
  }
  await expect(column(page, 'Qualified').getByRole('link', { name, exact: true })).toBeVisible();
  await moveWithMenu(page, name, 'Proposal');
  await expect(column(page, 'Proposal').getByRole('link', { name, exact: true })).toBeVisible();

  // Won asks for the amount (and the day, today by default); it is required.
  await moveWithMenu(page, name, 'Won');
  const dialog = page.getByRole('dialog', { name: `Move “${name}” to Won` });
  await expect(dialog.getByLabel('Won amount', { exact: true })).toBeFocused();
  await dialog.getByLabel('Won amount', { exact: true }).fill('');
  await dialog.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(dialog.getByText('A won deal needs the amount won.')).toBeVisible();
  await dialog.getByLabel('Won amount', { exact: true }).fill('1400');
  await dialog.getByLabel('Won amount', { exact: true }).press('Enter');
  await expect(dialog).toHaveCount(0);
  const won = column(page, 'Won');
  await expect(won.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(won.getByRole('listitem').filter({ hasText: name })).toContainText('1,400 USD');

  // From the lead: one tap to log a call (the number is a tel: link), with a follow-up.
  await won.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Log call', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log activity' })).toBeVisible();
  await expect(page.getByRole('link', { name: `Call ${phone}` })).toHaveAttribute('href', `tel:${phone}`);
  await expect(page.getByLabel('Type', { exact: true })).toHaveValue('call');
  await page.getByLabel('Outcome', { exact: true }).selectOption('reached');
  await page.getByLabel('Follow-up task due (optional)', { exact: true }).fill('2030-01-15T10:00');
  await page.getByLabel('Follow-up: what to do next', { exact: true }).fill(`Send invoice ${name}`);
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  // Back on the lead: the timeline shows the call and the open follow-up.
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await expect(timeline.getByRole('link', { name: 'Call', exact: true })).toBeVisible();
  const followUp = timeline.getByRole('listitem').filter({ hasText: `Send invoice ${name}` });
  await expect(page.getByText(/^Next follow-up: /)).toBeVisible();
  await followUp.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(followUp.getByRole('button', { name: 'Done', exact: true })).toHaveCount(0);
  await expect(followUp).toContainText('Done');

  // Back online: everything reaches the server once.
  await context.setOffline(false);
  await waitForSync(page);
  const leads = await (await page.request.post('/api/leads/list', { data: {} })).json();
  const mine = leads.filter((lead: { name: string }) => lead.name === name);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ stage: 'won', won_amount: 140000, phone, currency: 'USD' });
  expect(mine[0].closed_at).toBeTruthy();
  const activities = await (await page.request.post('/api/activities/list', { data: { lead_id: mine[0].id } })).json();
  const summary = activities
    .map((activity: { kind: string; outcome: string | null; done_at: string | null; notes: string }) =>
      `${activity.kind}:${activity.outcome ?? '-'}:${activity.done_at ? 'done' : 'open'}:${activity.notes}`)
    .sort();
  expect(summary).toEqual(['call:reached:open:', `task:-:done:Send invoice ${name}`]);

  // The repeated phone is caught on the next lead.
  await openFromNavigation(page, 'Leads');
  await page.getByRole('button', { name: 'New lead', exact: true }).click();
  await page.getByLabel('Phone', { exact: true }).fill(phone);
  await expect(page.getByRole('status').filter({ hasText: 'already exists' }).getByRole('link', { name })).toBeVisible();
});

test('My day lists overdue tasks, lets the rep reschedule or finish them, and shows leads going cold', { tag: '@desktop-only' }, async ({ page, context }) => {
  const note = uniqueName('Call back');
  await signIn(page, 'rep1@pishro.local');
  await waitForSync(page);
  await goOffline(page);
  // A task that was due yesterday.
  await openFromNavigation(page, 'Activities');
  await page.getByRole('button', { name: 'Log activity', exact: true }).click();
  await page.getByLabel('Type', { exact: true }).selectOption('task');
  const yesterday = new Date(Date.now() - 24 * 3600 * 1000);
  const local = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  await page.getByLabel('When', { exact: true }).fill(local(yesterday));
  await page.getByLabel('Notes', { exact: true }).fill(note);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Activities' })).toBeVisible();

  await openFromNavigation(page, 'My day');
  const overdue = page.getByRole('region', { name: /^Overdue/ });
  const task = overdue.getByRole('listitem').filter({ hasText: note });
  await expect(task).toBeVisible();
  // The demo gives rep1 goals this month: each line says how the pace is going.
  await expect(page.getByRole('region', { name: 'Goals this period' }).getByRole('listitem').first())
    .toContainText(/(Ahead of pace|On pace|Behind pace) \(.+ expected by today\) · heading for /);
  // Demo leads were created weeks ago with old activities: some go cold.
  await expect(page.getByRole('region', { name: /^Going cold/ }).getByText(/No activity for \d+ days/).first()).toBeVisible();

  // Reschedule to later today: it leaves Overdue for Due today (or later).
  await task.getByRole('button', { name: 'Reschedule', exact: true }).click();
  const later = new Date(Date.now() + 5 * 60 * 1000);
  await task.getByLabel('New due time', { exact: true }).fill(local(later));
  await task.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(overdue.getByText(note)).toHaveCount(0);
  const sameDay = later.getDate() === new Date().getDate();
  if (sameDay) {
    const dueToday = page.getByRole('region', { name: /^Due today/ }).getByRole('listitem').filter({ hasText: note });
    await dueToday.getByRole('button', { name: 'Done', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Task marked done.' })).toBeVisible();
    await expect(page.getByRole('region', { name: /^Done today/ })).toContainText('Task');
    // Undo brings it back.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect(page.getByRole('region', { name: /^Due today/ }).getByText(note)).toBeVisible();
  }
  await context.setOffline(false);
  await waitForSync(page);
});

test('a lead whose phone a teammate already has is kept, and flagged once the server sees it', { tag: '@desktop-only' }, async ({ page, browser }) => {
  const phone = `0912${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const existing = uniqueName('Teammate has it');
  const mine = uniqueName('Typed again');
  // Sara (rep1) has the lead; Reza's device (rep2) has never seen it.
  const saraContext = await browser.newContext();
  const sara = await saraContext.newPage();
  await signIn(sara, 'rep1@pishro.local');
  await createLead(sara, existing, { phone });
  await waitForSync(sara);
  await saraContext.close();

  await page.goto('/signin');
  await page.getByLabel('Email', { exact: true }).fill('rep2@pishro.local');
  await page.getByLabel('Password', { exact: true }).fill('pishro-demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'روز من' })).toBeVisible();
  await switchLanguage(page, 'English');
  await expect(page.getByRole('heading', { level: 1, name: 'My day' })).toBeVisible();
  await createLead(page, mine, { phone });
  await waitForSync(page);
  const notice = page.getByRole('alert').filter({ hasText: `“${mine}” may be a duplicate` });
  await expect(notice).toContainText(`already has “${existing}” with the same phone.`);
  // Reza cannot open Sara's lead, only his own; he keeps it and dismisses the notice.
  await expect(notice.getByRole('link', { name: 'Open the existing lead' })).toHaveCount(0);
  await notice.getByRole('link', { name: 'Open the new one' }).click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(mine);
  await notice.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await expect(notice).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(mine);
  await expect(page.getByRole('alert').filter({ hasText: 'may be a duplicate' })).toHaveCount(0);
  // Back to English for the next runs' sign-ins as this rep: the language is a per-person choice.
  await switchLanguage(page, 'فارسی');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
});

test('a long activity list is built fifty cards at a time, and "Show more" adds the next ones', { tag: '@phone-only' }, async ({ page }) => {
  // The manager's list holds the whole team's activities: over a hundred
  // in the demo data, more as other tests log theirs.
  await signIn(page, 'manager@pishro.local');
  await page.goto('/activities');
  await waitForSync(page);
  const cards = page.getByRole('list', { name: 'Activities', exact: true }).getByRole('listitem');
  await expect(cards).toHaveCount(50);
  const more = page.getByRole('button', { name: /^Show more \(\d+\)$/ });
  const next = Number((await more.textContent())?.match(/\((\d+)\)/)?.[1]);
  expect(next).toBeGreaterThan(0);
  expect(next).toBeLessThanOrEqual(50);
  await more.click();
  await expect(cards).toHaveCount(50 + next);
});

test('My day shows twenty overdue tasks at first and the rest twenty at a time, in Persian digits', { tag: '@desktop-only' }, async ({ page }) => {
  // rep2 reads Persian. Twenty-five overdue tasks, as a rep back from weeks
  // away might find them, pushed the way a device pushes them.
  await signIn(page, 'rep2@pishro.local');
  await waitForSync(page);
  const overdue = page.getByRole('region', { name: /^عقب‌افتاده/ });
  const persianDigits = '۰۱۲۳۴۵۶۷۸۹';
  const asPersian = (count: number) => [...String(count)].map((digit) => persianDigits[Number(digit)]).join('');
  // The count the section's heading gives, "(۲۵)".
  const overdueCount = async () => {
    const heading = (await overdue.getByRole('heading', { level: 2 }).textContent()) ?? '';
    const digits = heading.match(/\(([۰-۹]+)\)/)?.[1] ?? '';
    return Number([...digits].map((digit) => persianDigits.indexOf(digit)).join(''));
  };
  const notes = uniqueName('Overdue call');
  // Due before any other overdue task, so theirs are the first page: a year
  // ago, and earlier for each later run (a run repeated on one database
  // finds the last run's tasks too).
  const due = new Date(Date.UTC(2026, 0, 1) - (Date.now() - Date.UTC(2026, 0, 1))).toISOString();
  const mutations = Array.from({ length: 25 }, (_, index) => ({
    id: index + 1,
    operation: {
      type: 'log_activity',
      draft: {
        id: crypto.randomUUID(), lead_id: null, kind: 'task', tactic: 'other', outcome: '',
        notes: `${notes} ${index + 1}`, when: due, duration_minutes: '', done: false,
      },
    },
  }));
  const pushed = await page.request.post('/api/sync/push', {
    data: { request: { protocol_version: 4, client_id: crypto.randomUUID(), mutations } },
    headers: { 'x-pishro-client': '1' },
  });
  expect(pushed.ok()).toBeTruthy();
  expect((await pushed.json()).rejected).toEqual([]);

  await page.reload();
  // Every one of them has come (the demo gives rep2 a few overdue of their
  // own, and a repeated run adds its twenty-five to the last one's).
  await waitForSync(page);
  await expect(overdue.getByRole('link', { name: new RegExp(`^${notes} `) }).first()).toBeVisible({ timeout: 20_000 });
  const total = await overdueCount();
  expect(total).toBeGreaterThanOrEqual(25);
  const tasks = overdue.getByRole('listitem');
  await expect(tasks).toHaveCount(20);
  // Each tap adds the next twenty (or what is left), and says how many.
  for (let shown = 20; shown < total; shown += 20) {
    const next = Math.min(20, total - shown);
    await overdue.getByRole('button', { name: `نمایش بیشتر (${asPersian(next)})`, exact: true }).click();
    await expect(tasks).toHaveCount(shown + next);
  }
  await expect(overdue.getByRole('button', { name: /^نمایش بیشتر/ })).toHaveCount(0);
  await expect(overdue.getByRole('link', { name: new RegExp(`^${notes} `) })).toHaveCount(25);
  // Finishing one keeps the list as long as it was opened, one shorter.
  await tasks.filter({ hasText: notes }).first().getByRole('button', { name: 'انجام شد', exact: true }).click();
  await expect(tasks).toHaveCount(total - 1);
  await expect.poll(overdueCount).toBe(total - 1);
  await waitForSync(page);
});
