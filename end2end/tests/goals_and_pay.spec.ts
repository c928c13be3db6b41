import { expect, test } from './fixtures';
import { type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, createLead, editLead, openFromNavigation, signIn, syncNow, uniqueName, waitForSync, goOffline } from './helpers';

/** A team of its own per run (made by the admin through the real API), so
 * the phone and desktop runs never share a plan or a quota. */
async function freshTeam(browser: Browser, baseURL: string, calendar = '') {
  const context = await browser.newContext({ baseURL });
  const request = context.request;
  const signedIn = await request.post('/api/auth/sign_in', {
    data: { email: 'admin@pishro.local', password: DEMO_PASSWORD },
  });
  expect(signedIn.ok()).toBeTruthy();
  const tag = uniqueName('t').replace(/\W+/g, '').toLowerCase();
  const teamId = crypto.randomUUID();
  const team = await request.post('/api/teams/save', {
    data: { draft: { id: teamId, name: `Pay team ${tag}`, manager_id: null, calendar } },
  });
  expect(team.ok(), await team.text()).toBeTruthy();
  const person = async (role: string, name: string, emailName = role) => {
    const email = `${emailName}.${tag}@pishro.local`;
    const saved = await request.post('/api/people/save', {
      data: {
        draft: {
          id: crypto.randomUUID(), email, display_name: name, role, team_id: teamId,
          locale: 'en', active: true, password: DEMO_PASSWORD,
        },
      },
    });
    expect(saved.ok(), await saved.text()).toBeTruthy();
    return email;
  };
  const managerEmail = await person('manager', `Mina ${tag}`);
  const repName = `Reza ${tag}`;
  const repEmail = await person('rep', repName);
  const secondRepName = `Sara ${tag}`;
  const secondRepEmail = await person('rep', secondRepName, 'rep2');
  await context.close();
  return { teamId, managerEmail, repEmail, repName, secondRepEmail, secondRepName };
}

/** The first day of the month containing `day` in the Jalali calendar, as
 * the browser's own Persian calendar (ICU) counts it: YYYY-MM-DD. */
/** The first day of the Jalali month that `instant` falls in, in Tehran
 * (a Jalali team counts Tehran days), as YYYY-MM-DD. */
function jalaliMonthStart(instant: Date) {
  const dayOfMonth = (date: Date) =>
    Number(new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { day: 'numeric', timeZone: 'UTC' }).format(date));
  const [year, month, date] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' })
    .format(instant)
    .split('-')
    .map(Number);
  const start = new Date(Date.UTC(year, month - 1, date));
  while (dayOfMonth(start) !== 1) start.setUTCDate(start.getUTCDate() - 1);
  return start.toISOString().slice(0, 10);
}

function isoDay(year: number, monthIndex: number, day: number) {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
}

async function newPage(browser: Browser, baseURL: string, viewport: { width: number; height: number } | null) {
  const context = await browser.newContext({ baseURL, viewport: viewport ?? undefined });
  return { context, page: await context.newPage() };
}

test('a manager sets a revenue goal and a plan; the rep wins offline and sees progress and pay at once; the manager sees the same after sync', { tag: '@desktop-only' }, async ({ browser, baseURL, viewport }) => {
  test.setTimeout(120_000);
  const { managerEmail, repEmail, repName } = await freshTeam(browser, baseURL!);
  const manager = await newPage(browser, baseURL!, viewport);
  const rep = await newPage(browser, baseURL!, viewport);

  // The manager: a monthly revenue goal of 2,000 USD for the rep...
  let page: Page = manager.page;
  await signIn(page, managerEmail);
  await openFromNavigation(page, 'Goals');
  await page.getByRole('button', { name: 'New goal', exact: true }).click();
  await page.getByLabel('Goal for', { exact: true }).selectOption('rep');
  await page.getByLabel('Rep or team', { exact: true }).selectOption({ label: repName });
  await page.getByLabel('Metric', { exact: true }).selectOption('revenue_won');
  await page.getByLabel('Target', { exact: true }).fill('2,000');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Goals' })).toBeVisible();
  await expect(page.getByTestId('goal-progress')).toHaveText('0 USD / 2,000 USD (0%)');
  // ...and a plan: 5% on new customers, 8% above quota, a 500 bonus.
  await openFromNavigation(page, 'Pay');
  await page.getByLabel('Rate on new customers (%)', { exact: true }).fill('5');
  await page.getByLabel('Rate on existing customers (%)', { exact: true }).fill('2');
  await page.getByLabel('Higher rates above this share of quota (%)', { exact: true }).fill('100');
  await page.getByLabel('Higher rate on new customers (%)', { exact: true }).fill('8');
  await page.getByLabel('Higher rate on existing customers (%)', { exact: true }).fill('3');
  await page.getByLabel('Bonus for beating the monthly target', { exact: true }).fill('500');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await expect(page.getByText("Plan saved. It reaches every rep's device with the next sync.")).toBeVisible();

  // The rep syncs once, then works offline.
  page = rep.page;
  await signIn(page, repEmail);
  await waitForSync(page);
  // A rep may not set pay: the server refuses, whatever the screen shows.
  const refused = await rep.context.request.post('/api/pay/save_plan', {
    data: { draft: { id: crypto.randomUUID(), effective_from: '2026-01-01', effective_to: '', new_customer_rate: '50',
      existing_customer_rate: '50', tiers: [], rep_bonus: '', team_bonus: '', bonus_currency: '' } },
  });
  expect(refused.status()).toBe(403);
  await openFromNavigation(page, 'Pay');
  await expect(page.getByTestId('earned-total')).toHaveText('0 USD');
  await goOffline(rep.page);
  const leadName = uniqueName('Pay deal');
  await createLead(page, leadName, { value: '1400' });
  await expect(page.getByTestId('closing-pays')).toHaveText('Closing this at 1,400 USD pays 70 USD');
  await editLead(page);
  await page.getByLabel('Stage', { exact: true }).selectOption('won');
  await page.getByLabel('Won amount', { exact: true }).fill('1,400');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('closing-pays')).toHaveCount(0);
  // Progress and pay move at once, offline, marked as not yet synced.
  await openFromNavigation(page, 'Goals');
  await expect(page.getByTestId('goal-progress')).toHaveText('1,400 USD / 2,000 USD (70%)');
  await expect(page.getByTestId('goal-unsynced')).toHaveText('Includes changes not yet synced');
  await openFromNavigation(page, 'Pay');
  await expect(page.getByTestId('earned-total')).toHaveText('70 USD');
  await expect(page.getByText('Includes changes not yet synced')).toBeVisible();
  await expect(page.getByText(/Bonus for reaching your monthly target: 500 USD · 600 USD to go/)).toBeVisible();
  // A second deal crosses the quota: 600 at 5%, 400 above it at 8%, and the bonus.
  await createLead(page, uniqueName('Pay deal two'), { value: '1000' });
  await expect(page.getByTestId('closing-pays')).toHaveText('Closing this at 1,000 USD pays 62 USD');
  await editLead(page);
  await page.getByLabel('Stage', { exact: true }).selectOption('won');
  await page.getByLabel('Won amount', { exact: true }).fill('1000');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await openFromNavigation(page, 'Pay');
  await expect(page.getByTestId('earned-commission')).toHaveText('Commission: 132 USD');
  await expect(page.getByTestId('earned-total')).toHaveText('632 USD');

  // Back online: the manager sees the same numbers from the server.
  await rep.context.setOffline(false);
  await waitForSync(page);
  await expect(page.getByText('Includes changes not yet synced')).toHaveCount(0);
  page = manager.page;
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Pay' })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(repName) });
  await expect(row.getByRole('cell')).toHaveText(['2', '2,400 USD', '132 USD', '500 USD', '632 USD']);
  const download = page.getByRole('link', { name: 'Download CSV', exact: true });
  const href = decodeURIComponent((await download.getAttribute('href')) ?? '');
  expect(href).toContain(`${repName},`);
  expect(href).toMatch(/,USD,2,2400,132,500,632\r\n/);
  await openFromNavigation(page, 'Goals');
  await expect(page.getByTestId('goal-progress')).toHaveText('2,400 USD / 2,000 USD (120%)');

  // Kudos: the manager thanks the rep; the rep reads it on the team feed.
  await openFromNavigation(page, 'Pay');
  await page.getByLabel('To', { exact: true }).selectOption({ label: repName });
  await page.getByLabel('Message', { exact: true }).fill('Two deals in one day!');
  await page.getByRole('button', { name: 'Send kudos', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Team feed' })).toContainText('Two deals in one day!');
  page = rep.page;
  await syncNow(page);
  await expect(page.getByRole('list', { name: 'Team feed' })).toContainText('Two deals in one day!');
  // A device with nothing stored (a first visit with a session) gets the
  // plan and the feed too.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByTestId('earned-total')).toHaveText('632 USD');
  await expect(page.getByRole('list', { name: 'Team feed' })).toContainText('Two deals in one day!');

  await manager.context.close();
  await rep.context.close();
});

test('a manager sets one goal for every rep, ranks the team, keeps tiered pay and a Jalali team calendar; a rep is told of a milestone once', { tag: '@desktop-only' }, async ({ browser, baseURL, viewport }) => {
  test.setTimeout(120_000);
  const { teamId, managerEmail, repEmail, repName, secondRepName } = await freshTeam(browser, baseURL!);
  const manager = await newPage(browser, baseURL!, viewport);
  const rep = await newPage(browser, baseURL!, viewport);

  // The same goal for every rep, over this quarter (one tap fills the dates).
  let page: Page = manager.page;
  await signIn(page, managerEmail);
  await openFromNavigation(page, 'Goals');
  await page.getByRole('button', { name: 'New goal', exact: true }).click();
  await page.getByLabel('Goal for', { exact: true }).selectOption('every_rep');
  await expect(page.getByLabel('Rep or team', { exact: true })).toHaveCount(0);
  await page.getByLabel('Metric', { exact: true }).selectOption('deals_won');
  await page.getByLabel('Target', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'This quarter', exact: true }).click();
  const today = new Date();
  const quarter = Math.floor(today.getMonth() / 3) * 3;
  await expect(page.getByLabel('Period start', { exact: true })).toHaveValue(isoDay(today.getFullYear(), quarter, 1));
  await expect(page.getByLabel('Period end', { exact: true })).toHaveValue(isoDay(today.getFullYear(), quarter + 3, 0));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Goals' })).toBeVisible();
  const cards = page.getByRole('list', { name: 'Goals' }).getByRole('listitem');
  await expect(cards).toHaveCount(2);
  await expect(cards.filter({ hasText: repName })).toContainText('0 / 2 (0%)');
  await expect(cards.filter({ hasText: secondRepName })).toContainText('0 / 2 (0%)');

  // Tiered pay: two tiers above quota, kept as typed.
  await openFromNavigation(page, 'Pay');
  await page.getByLabel('Rate on new customers (%)', { exact: true }).fill('5');
  await page.getByLabel('Rate on existing customers (%)', { exact: true }).fill('2');
  await page.getByRole('group', { name: 'Tier 1' }).getByLabel('Higher rates above this share of quota (%)').fill('100');
  await page.getByRole('group', { name: 'Tier 1' }).getByLabel('Higher rate on new customers (%)').fill('8');
  await page.getByRole('group', { name: 'Tier 1' }).getByLabel('Higher rate on existing customers (%)').fill('3');
  await page.getByRole('button', { name: 'Add a tier', exact: true }).click();
  const second = page.getByRole('group', { name: 'Tier 2' });
  await second.getByLabel('Higher rates above this share of quota (%)').fill('150');
  await second.getByLabel('Higher rate on new customers (%)').fill('10');
  await second.getByLabel('Higher rate on existing customers (%)').fill('4');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await expect(page.getByText("Plan saved. It reaches every rep's device with the next sync.")).toBeVisible();
  await waitForSync(page);
  await page.reload();
  await expect(page.getByRole('group', { name: 'Tier 2' }).getByLabel('Higher rates above this share of quota (%)')).toHaveValue('150');
  await expect(page.getByRole('group', { name: 'Tier 2' }).getByLabel('Higher rate on new customers (%)')).toHaveValue('10');

  // The rep wins one deal: half the goal, told once, on the screen they are on.
  page = rep.page;
  await signIn(page, repEmail);
  await waitForSync(page);
  const dealName = uniqueName('Leaderboard deal');
  await createLead(page, dealName, { value: '900' });
  await editLead(page);
  await page.getByLabel('Stage', { exact: true }).selectOption('won');
  await page.getByLabel('Won amount', { exact: true }).fill('900');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  // The name is wrapped in direction isolates (U+2068 … U+2069) for mixed scripts.
  const milestoneText = new RegExp(`Deals won · \u2068${repName}\u2069: 50% of the goal reached`);
  const milestone = page.getByRole('status').filter({ hasText: milestoneText });
  await expect(milestone).toBeVisible();
  await milestone.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await expect(milestone).toHaveCount(0);
  await waitForSync(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: dealName, exact: true })).toBeVisible();
  await expect(page.getByText(milestoneText)).toHaveCount(0);

  // The manager ranks the team on deals won this month.
  page = manager.page;
  await openFromNavigation(page, 'Goals');
  await page.getByLabel('Metric', { exact: true }).selectOption('deals_won');
  const board = page.getByRole('table', { name: 'Leaderboard' });
  await expect(board.getByRole('row', { name: new RegExp(repName) }).getByRole('cell')).toHaveText(['1', '1']);
  await expect(board.getByRole('row', { name: new RegExp(secondRepName) }).getByRole('cell')).toHaveText(['2', '0']);
  // A rep reads the same board (their own team's only).
  page = rep.page;
  await openFromNavigation(page, 'Goals');
  await page.getByLabel('Metric', { exact: true }).selectOption('deals_won');
  await expect(page.getByRole('table', { name: 'Leaderboard' }).getByRole('row', { name: new RegExp(repName) }).getByRole('cell')).toHaveText(['1', '1']);
  // Offline, the last answer still reads, marked as such; a choice never read says it needs the network.
  await goOffline(rep.page);
  await page.getByLabel('Metric', { exact: true }).selectOption('calls');
  await expect(page.getByText('The leaderboard needs the network', { exact: false })).toBeVisible();
  await page.getByLabel('Metric', { exact: true }).selectOption('deals_won');
  await expect(page.getByTestId('leaderboard-as-of')).toContainText('Offline: the last known standings, from');
  await expect(page.getByRole('table', { name: 'Leaderboard' }).getByRole('row', { name: new RegExp(repName) }).getByRole('cell')).toHaveText(['1', '1']);
  await rep.context.setOffline(false);

  // The admin moves the team to the Jalali calendar: new goals default to the Jalali month.
  const admin = await newPage(browser, baseURL!, viewport);
  await signIn(admin.page, 'admin@pishro.local');
  await admin.page.goto(`/teams/${teamId}`);
  await expect(admin.page.getByRole('heading', { level: 1, name: 'Edit team' })).toBeVisible();
  // The form fills in from the server first; choosing before that would be overwritten.
  await expect(admin.page.getByLabel('Team name', { exact: true })).toHaveValue(/^Pay team /);
  await admin.page.getByLabel('Goal periods follow', { exact: true }).selectOption('jalali');
  // Its days: the calendar's zone (Tehran for Jalali) until the admin picks one.
  const zone = admin.page.getByLabel("Time zone of the team's days", { exact: true });
  await expect(zone).toHaveValue('');
  await zone.selectOption('Asia/Tehran');
  await admin.page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(admin.page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  page = manager.page;
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Goals' })).toBeVisible();
  await page.getByRole('button', { name: 'New goal', exact: true }).click();
  await expect(page.getByLabel('Period start', { exact: true })).toHaveValue(jalaliMonthStart(new Date()));

  // Completing a training programme counts toward the rep's training goal.
  page = manager.page;
  await openFromNavigation(page, 'Goals');
  await page.getByRole('button', { name: 'New goal', exact: true }).click();
  await page.getByLabel('Goal for', { exact: true }).selectOption('rep');
  await page.getByLabel('Rep or team', { exact: true }).selectOption({ label: repName });
  await page.getByLabel('Metric', { exact: true }).selectOption('training_completed');
  await page.getByLabel('Target', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Goals' })).toBeVisible();
  const trainingCard = page.getByRole('list', { name: 'Goals' }).getByRole('listitem').filter({ hasText: 'Training completed' });
  await expect(trainingCard.getByTestId('goal-progress')).toHaveText('0 / 1 (0%)');
  await page.goto('/training');
  const start = page.getByRole('region', { name: 'Start a programme' });
  await start.getByLabel('Title', { exact: true }).fill('Negotiation workshop');
  await start.getByRole('button', { name: 'Start the programme', exact: true }).click();
  const programme = page.getByRole('region', { name: 'Negotiation workshop' });
  await programme.getByRole('button', { name: `Mark complete: ${repName}` }).click();
  await expect(programme.getByRole('button', { name: `Take back: ${repName}` })).toBeVisible();
  await openFromNavigation(page, 'Goals');
  await expect(trainingCard.getByTestId('goal-progress')).toHaveText('1 / 1 (100%)');

  // Kudos written offline wait in the outbox and reach the team with the next sync.
  page = rep.page;
  await openFromNavigation(page, 'Pay');
  await expect(page.getByLabel('To', { exact: true }).locator('option', { hasText: secondRepName })).toHaveCount(1);
  await goOffline(rep.page);
  await page.getByLabel('To', { exact: true }).selectOption({ label: secondRepName });
  await page.getByLabel('Message', { exact: true }).fill('Thanks for covering my calls');
  await page.getByRole('button', { name: 'Send kudos', exact: true }).click();
  const feed = page.getByRole('list', { name: 'Team feed' });
  await expect(feed.getByRole('listitem').filter({ hasText: 'Thanks for covering my calls' })).toContainText('Not synced yet');
  await expect(page.getByLabel('Message', { exact: true })).toHaveValue('');
  await rep.context.setOffline(false);
  await waitForSync(page);
  await expect(feed.getByRole('listitem').filter({ hasText: 'Thanks for covering my calls' })).not.toContainText('Not synced yet');
  await expect(feed.getByRole('listitem').filter({ hasText: 'Thanks for covering my calls' })).toHaveCount(1);
  page = manager.page;
  await openFromNavigation(page, 'Pay');
  await syncNow(page);
  await expect(page.getByRole('list', { name: 'Team feed' })).toContainText(`${repName} → ${secondRepName}`);

  await admin.context.close();
  await manager.context.close();
  await rep.context.close();
});

test("a Jalali team's device counts Tehran days whatever the browser's zone: 01:00 in Tehran on Nowruz is Farvardin", { tag: '@phone-only' }, async ({ browser, baseURL, viewport }) => {
  const { managerEmail } = await freshTeam(browser, baseURL!, 'jalali');
  // The browser is in Los Angeles, where it is still 14:30 on 20 March
  // (29 Esfand); in Tehran it is 01:00 on 1 Farvardin 1405, 21:30 UTC.
  const context = await browser.newContext({ baseURL, viewport: viewport ?? undefined, timezoneId: 'America/Los_Angeles' });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date('2026-03-20T21:30:00Z'));
  await signIn(page, managerEmail);
  await openFromNavigation(page, 'Goals');
  await page.getByRole('button', { name: 'New goal', exact: true }).click();
  // "This month" is Farvardin: 21 March to 20 April 2026.
  await expect(page.getByLabel('Period start', { exact: true })).toHaveValue('2026-03-21');
  await expect(page.getByLabel('Period end', { exact: true })).toHaveValue('2026-04-20');
  await context.close();
});
